using AnnualReview.Assessment.Cycle;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Functions.Api.Cycles;

/// <summary>
/// The body of <c>POST /api/cycles</c>: a <see cref="CycleDefinition"/> in camelCase JSON. Optional parts take the
/// domain's defaults; offsets are durations such as <c>"3.00:00:00"</c> (three days).
/// </summary>
public sealed record CycleStartRequest
{
    public int? Year { get; init; }

    public string? RootUnitId { get; init; }

    public string? RuleSetId { get; init; }

    public DueDatesRequest? DueDates { get; init; }

    public DateOnly? HardStop { get; init; }

    public string? TimeZoneId { get; init; }

    public TimeOnly? NoticeTime { get; init; }

    public IReadOnlyList<TimeSpan>? ReminderOffsets { get; init; }

    public IReadOnlyList<EscalationRung>? EscalationLadder { get; init; }

    public IReadOnlyList<DueDateOverride>? Overrides { get; init; }

    /// <summary>The day "admitted less than 6 months" counts back from; the rule set's (31 December) when absent.</summary>
    public DateOnly? AdmissionReferenceDate { get; init; }

    /// <summary>The definition, or every required field that is missing or not id-shaped (named as the validator names fields).</summary>
    public (CycleDefinition? Definition, IReadOnlyList<ValidationError> Missing) ToDefinition()
    {
        var missing = new List<ValidationError>();
        void Require(bool present, string field, string nameVi)
        {
            if (!present)
            {
                missing.Add(new("Required", field, $"Chưa nhập {nameVi}.", $"{field} is required."));
            }
        }

        Require(Year is not null, "year", "năm đánh giá");
        Require(!string.IsNullOrWhiteSpace(RootUnitId), "rootUnitId", "đơn vị gốc");
        Require(!string.IsNullOrWhiteSpace(RuleSetId), "ruleSetId", "bộ quy tắc");
        Require(DueDates?.SelfReview is not null, "dueDates.selfReview", "hạn tự kiểm điểm");
        Require(DueDates?.CellMeeting is not null, "dueDates.cellMeeting", "hạn họp chi bộ");
        Require(DueDates?.GrassrootsDecision is not null, "dueDates.grassrootsDecision", "hạn tổ chức cơ sở đảng quyết định");
        Require(DueDates?.CommitteeDecision is not null, "dueDates.committeeDecision", "hạn cấp ủy quyết định");
        Require(DueDates?.BoardReport is not null, "dueDates.boardReport", "hạn báo cáo Ban Tổ chức");
        Require(HardStop is not null, "hardStop", "ngày kết thúc đợt");
        if (RootUnitId is { Length: > 0 } root && !IdShape.IsValid(root))
        {
            missing.Add(IdShape.Error("rootUnitId", root));
        }

        for (int i = 0; i < (Overrides?.Count ?? 0); i++)
        {
            if (Overrides![i].UnitId is { Length: > 0 } unitId && !IdShape.IsValid(unitId))
            {
                missing.Add(IdShape.Error($"overrides[{i}].unitId", unitId));
            }
        }

        if (missing.Count > 0)
        {
            return (null, missing);
        }

        var defaults = new CycleDefinition(0, "", "", new StepDueDates(default, default, default, default, default), default);
        var definition = new CycleDefinition(
            Year!.Value,
            RootUnitId!,
            RuleSetId!,
            new StepDueDates(DueDates!.SelfReview!.Value, DueDates.CellMeeting!.Value, DueDates.GrassrootsDecision!.Value, DueDates.CommitteeDecision!.Value, DueDates.BoardReport!.Value),
            HardStop!.Value)
        {
            TimeZoneId = TimeZoneId ?? defaults.TimeZoneId,
            NoticeTime = NoticeTime ?? defaults.NoticeTime,
            ReminderOffsets = ReminderOffsets ?? defaults.ReminderOffsets,
            EscalationLadder = EscalationLadder ?? defaults.EscalationLadder,
            Overrides = Overrides ?? defaults.Overrides,
            AdmissionReferenceDate = AdmissionReferenceDate,
        };
        return (definition, []);
    }
}

public sealed record DueDatesRequest(DateOnly? SelfReview, DateOnly? CellMeeting, DateOnly? GrassrootsDecision, DateOnly? CommitteeDecision, DateOnly? BoardReport);
