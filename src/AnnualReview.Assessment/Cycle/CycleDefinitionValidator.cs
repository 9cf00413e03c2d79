using System.Globalization;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Cycle;

/// <summary>
/// Checks a cycle definition before the cycle starts and returns every problem at once. Dates must run
/// self-review ≤ cell meeting ≤ grassroots decision ≤ committee decision ≤ board report ≤ hard stop (equal
/// allowed: a board may give two steps the same day); the hard stop is always the last date.
/// </summary>
public static class CycleDefinitionValidator
{
    private static readonly (CycleStep Step, string Field, string NameVi)[] Steps =
    [
        (CycleStep.SelfReview, "dueDates.selfReview", "hạn tự kiểm điểm"),
        (CycleStep.CellMeeting, "dueDates.cellMeeting", "hạn họp chi bộ"),
        (CycleStep.GrassrootsDecision, "dueDates.grassrootsDecision", "hạn tổ chức cơ sở đảng quyết định"),
        (CycleStep.CommitteeDecision, "dueDates.committeeDecision", "hạn cấp ủy quyết định"),
        (CycleStep.BoardReport, "dueDates.boardReport", "hạn báo cáo Ban Tổ chức"),
    ];

    public static IReadOnlyList<ValidationError> Validate(CycleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<ValidationError>();

        if (definition.Year is < 2000 or > 2100)
        {
            errors.Add(new("YearOutOfRange", "year", "Năm đánh giá phải từ 2000 đến 2100.", "The year must be between 2000 and 2100."));
        }

        if (string.IsNullOrWhiteSpace(definition.RootUnitId))
        {
            errors.Add(new("Required", "rootUnitId", "Chưa chọn đơn vị gốc của đợt đánh giá.", "The cycle's root unit is required."));
        }

        ValidateRuleSet(definition, errors);

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(definition.TimeZoneId ?? string.Empty, out _))
        {
            errors.Add(new(
                "UnknownTimeZone",
                "timeZoneId",
                $"Không có múi giờ \"{definition.TimeZoneId}\".",
                $"Unknown time zone \"{definition.TimeZoneId}\"."));
        }

        ValidateDates(definition, errors);
        ValidateReminders(definition.ReminderOffsets, errors);
        ValidateLadder(definition.EscalationLadder, errors);
        ValidateOverrides(definition, errors);
        return errors;
    }

    private static void ValidateRuleSet(CycleDefinition definition, List<ValidationError> errors)
    {
        if (!RuleSetLoader.AvailableIds.Contains(definition.RuleSetId ?? string.Empty, StringComparer.Ordinal))
        {
            errors.Add(new(
                "UnknownRuleSet",
                "ruleSetId",
                $"Không có bộ quy tắc \"{definition.RuleSetId}\"; hiện có: {string.Join(", ", RuleSetLoader.AvailableIds)}.",
                $"Unknown rule set \"{definition.RuleSetId}\"; available: {string.Join(", ", RuleSetLoader.AvailableIds)}."));
            return;
        }

        // A regulation cannot govern a year before it was issued.
        int effective = RuleSetLoader.Load(definition.RuleSetId!).EffectiveFromYear.Value;
        if (definition.Year < effective)
        {
            errors.Add(new(
                "RuleSetNotInForce",
                "ruleSetId",
                $"Bộ quy tắc {definition.RuleSetId} chỉ áp dụng từ năm {effective}.",
                $"Rule set {definition.RuleSetId} applies from {effective} only."));
        }
    }

    /// <summary>
    /// Refuses a cycle started too late for anyone to take part: once the cell meetings' day has gone, the
    /// self-review step would close at once and every member would be recorded as not submitted. A self-review
    /// date just gone is allowed (members submit late until the meetings fall due). Names the first due date gone.
    /// </summary>
    /// <param name="definition">A definition <see cref="Validate"/> accepted.</param>
    /// <param name="today">Today in the cycle's time zone.</param>
    public static IReadOnlyList<ValidationError> ValidateNotPassed(CycleDefinition definition, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.DueDates.CellMeeting >= today)
        {
            return [];
        }

        (CycleStep step, string field, string nameVi) = Steps.First(s => definition.DueDates.For(s.Step) < today);
        DateOnly due = definition.DueDates.For(step);
        return
        [
            new(DatePassedCode, field,
                $"{Capitalize(nameVi)} ({Vi(due)}) đã qua (hôm nay {Vi(today)}): đảng viên không còn kịp nộp bản tự kiểm điểm. Hãy chọn các hạn từ hôm nay trở đi.",
                $"{field} ({Iso(due)}) has passed (today is {Iso(today)}): members could no longer submit their self-reviews. Choose due dates from today on."),
        ];
    }

    public const string DatePassedCode = "DatePassed";

    private static void ValidateDates(CycleDefinition definition, List<ValidationError> errors)
    {
        for (int i = 0; i < Steps.Length; i++)
        {
            (CycleStep step, string field, string nameVi) = Steps[i];
            DateOnly due = definition.DueDates.For(step);
            RequireInCycle(definition.Year, due, field, errors);
            if (i > 0)
            {
                (CycleStep previous, string previousField, string previousVi) = Steps[i - 1];
                DateOnly earlier = definition.DueDates.For(previous);
                if (due < earlier)
                {
                    errors.Add(new(
                        "DatesOutOfOrder",
                        field,
                        $"{Capitalize(nameVi)} ({Vi(due)}) không được trước {previousVi} ({Vi(earlier)}).",
                        $"{field} ({Iso(due)}) must not be before {previousField} ({Iso(earlier)})."));
                }
            }
        }

        RequireInCycle(definition.Year, definition.HardStop, "hardStop", errors);
        if (definition.AdmissionReferenceDate is { } reference)
        {
            RequireInCycle(definition.Year, reference, "admissionReferenceDate", errors);
        }

        DateOnly last = definition.DueDates.BoardReport;
        if (definition.HardStop < last)
        {
            errors.Add(new(
                "HardStopTooEarly",
                "hardStop",
                $"Ngày kết thúc đợt ({Vi(definition.HardStop)}) không được trước hạn báo cáo ({Vi(last)}).",
                $"The hard stop ({Iso(definition.HardStop)}) must not be before any due date; dueDates.boardReport is {Iso(last)}."));
        }
    }

    private static void ValidateReminders(IReadOnlyList<TimeSpan> offsets, List<ValidationError> errors)
    {
        for (int i = 0; i < offsets.Count; i++)
        {
            string field = $"reminderOffsets[{i}]";
            if (offsets[i] < TimeSpan.Zero)
            {
                errors.Add(new("NegativeOffset", field, "Thời điểm nhắc trước hạn không được âm.", "A reminder offset must not be negative."));
            }
            else if (offsets.Take(i).Contains(offsets[i]))
            {
                errors.Add(new("DuplicateOffset", field, "Hai lần nhắc trùng thời điểm.", "Two reminders have the same offset."));
            }
        }
    }

    private static void ValidateLadder(IReadOnlyList<EscalationRung> ladder, List<ValidationError> errors)
    {
        for (int i = 0; i < ladder.Count; i++)
        {
            EscalationRung rung = ladder[i];
            string field = $"escalationLadder[{i}]";

            // Escalations go out at the notice time, so less than a day after the due date would fire before the step is late.
            if (rung.AfterDue < TimeSpan.FromDays(1))
            {
                errors.Add(new(
                    "EscalationBeforeDue",
                    $"{field}.afterDue",
                    "Báo cáo cấp trên phải từ 1 ngày sau hạn trở đi.",
                    "An escalation must come at least 1 day after the due date."));
            }

            if (i == 0)
            {
                continue;
            }

            EscalationRung previous = ladder[i - 1];
            if (rung.AfterDue <= previous.AfterDue)
            {
                errors.Add(new(
                    "LadderNotIncreasing",
                    $"{field}.afterDue",
                    "Mỗi bậc báo cáo phải muộn hơn bậc trước.",
                    $"Each rung must come later than the one before ({previous.AfterDue.TotalDays:0.##} days)."));
            }

            if (rung.Target < previous.Target)
            {
                errors.Add(new(
                    "LadderGoesDown",
                    $"{field}.target",
                    "Mỗi bậc báo cáo phải lên cấp bằng hoặc cao hơn bậc trước.",
                    $"Each rung must go to the same or a higher level than the one before ({previous.Target})."));
            }
        }
    }

    private static void ValidateOverrides(CycleDefinition definition, List<ValidationError> errors)
    {
        for (int i = 0; i < definition.Overrides.Count; i++)
        {
            DueDateOverride o = definition.Overrides[i];
            string field = $"overrides[{i}]";
            if (string.IsNullOrWhiteSpace(o.UnitId))
            {
                errors.Add(new("Required", $"{field}.unitId", "Chưa chọn đơn vị.", "The unit is required."));
            }
            else if (definition.Overrides.Take(i).Any(p => p.UnitId == o.UnitId && p.Step == o.Step))
            {
                errors.Add(new("DuplicateOverride", field, "Đơn vị đã có hạn riêng cho bước này.", $"Unit {o.UnitId} already has its own {o.Step} date."));
            }

            // The report to the Organization Commission is the cycle's own; no unit runs that step.
            if (o.Step == CycleStep.BoardReport)
            {
                errors.Add(new("NotPerUnit", $"{field}.step", "Hạn báo cáo Ban Tổ chức là của cả đợt, không đặt riêng cho đơn vị.", "The board report date belongs to the whole cycle; it cannot be set for one unit."));
            }

            RequireInCycle(definition.Year, o.Due, $"{field}.due", errors);
            if (o.Due > definition.HardStop)
            {
                errors.Add(new(
                    "AfterHardStop",
                    $"{field}.due",
                    $"Hạn riêng ({Vi(o.Due)}) sau ngày kết thúc đợt ({Vi(definition.HardStop)}).",
                    $"The unit's date ({Iso(o.Due)}) is after the hard stop ({Iso(definition.HardStop)})."));
            }
        }
    }

    // The year-end review runs from the plan (November) to the report (February): any date outside the
    // cycle's year and the next is a typo, such as 2062 for 2026.
    private static void RequireInCycle(int year, DateOnly date, string field, List<ValidationError> errors)
    {
        if (date.Year != year && date.Year != year + 1)
        {
            errors.Add(new(
                "DateOutsideCycle",
                field,
                $"Ngày {Vi(date)} không thuộc năm {year} hoặc {year + 1}.",
                $"{Iso(date)} is not in {year} or {year + 1}."));
        }
    }

    private static string Vi(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
