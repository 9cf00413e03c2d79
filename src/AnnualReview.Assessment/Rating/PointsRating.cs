using System.Globalization;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Rating;

/// <summary>
/// Turns a QĐ 366 assessment into a level. Any Not completed finding decides first. Otherwise the bands are
/// tried top down and the first whose minimum points and every requirement hold wins; a member with the
/// points for a level but not its conditions drops to the next band whose conditions hold (e.g. 95 points
/// with 10% of tasks exceeding is Good). Behind-schedule share is read as 1 − on-time share.
/// </summary>
public static class PointsRating
{
    public static PointsResult Evaluate(PointsAssessment assessment, RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(ruleSet);
        PointsScale scale = ruleSet.Scoring.Points
            ?? throw new ArgumentException($"Rule set {ruleSet.Id} does not score points.", nameof(ruleSet));
        Check(assessment, ruleSet);

        decimal total = assessment.TotalPoints;
        var reasons = new List<RatingReason>();
        foreach (string code in assessment.NotCompletedFindings)
        {
            NotCompletedTrigger trigger = ruleSet.NotCompletedTriggers.First(t => t.Code == code);
            reasons.Add(new RatingReason($"Trigger:{code}", trigger.NameVi, trigger.NameEn));
        }

        if (reasons.Count > 0)
        {
            return new PointsResult(RatingLevel.NotCompleted, total, reasons);
        }

        foreach (LevelBand band in scale.Bands)
        {
            string level = band.Level.ToString();
            if (total < band.MinPoints.Value)
            {
                continue;
            }

            BandRequirement[] unmet = band.Requirements.Where(r => !r.IsMetBy(ValueOf(r.Metric, assessment))).ToArray();
            if (unmet.Length == 0)
            {
                string vi = ruleSet.Level(band.Level).NameVi;
                reasons.Add(new RatingReason(
                    $"Band:{level}",
                    $"{Format(total)} điểm, đủ điều kiện mức {vi}.",
                    $"{Format(total)} points and every condition of {level} met."));
                return new PointsResult(band.Level, total, reasons);
            }

            reasons.AddRange(unmet.Select(r => Unmet(band.Level, r, ValueOf(r.Metric, assessment), ruleSet)));
        }

        // Unreachable with a validated rule set: the lowest band starts at 0 and asks nothing.
        return new PointsResult(RatingLevel.NotCompleted, total, reasons);
    }

    /// <summary>
    /// Every problem with an assessment under <paramref name="ruleSet"/>, fields named under <paramref name="field"/>
    /// (e.g. "tallies[2].points"); empty when it can be evaluated.
    /// </summary>
    public static IReadOnlyList<ValidationError> Validate(PointsAssessment assessment, RuleSet ruleSet, string field)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(ruleSet);
        var errors = new List<ValidationError>();
        if (ruleSet.Scoring.Points is not { } scale)
        {
            errors.Add(new ValidationError("PointsNotScored", field,
                $"Bộ quy định {ruleSet.Id} không chấm điểm; hãy ghi số phiếu theo từng mức.",
                $"Rule set {ruleSet.Id} does not score points; record votes per level instead."));
            return errors;
        }

        foreach (CriteriaGroup group in scale.CriteriaGroups)
        {
            if (!assessment.GroupPoints.TryGetValue(group.Code, out decimal points) || points < 0 || points > group.MaxPoints.Value)
            {
                errors.Add(new ValidationError("GroupPointsOutOfRange", $"{field}.groupPoints.{group.Code}",
                    $"Điểm nhóm tiêu chí {group.Code} là bắt buộc, từ 0 đến {group.MaxPoints.Value}.",
                    $"Points for criteria group {group.Code} are required, from 0 to {group.MaxPoints.Value}."));
            }
        }

        foreach (string unknown in assessment.GroupPoints.Keys.Where(k => scale.CriteriaGroups.All(g => g.Code != k)))
        {
            errors.Add(new ValidationError("UnknownCriteriaGroup", $"{field}.groupPoints.{unknown}",
                $"Bộ quy định {ruleSet.Id} không có nhóm tiêu chí {unknown}.", $"Rule set {ruleSet.Id} has no criteria group {unknown}."));
        }

        (string Name, decimal Share)[] shares =
        [
            ("tasksOnTimeShare", assessment.TasksOnTimeShare), ("tasksExceedingShare", assessment.TasksExceedingShare), ("shortcomingsFixedShare", assessment.ShortcomingsFixedShare),
        ];
        foreach ((string name, decimal share) in shares.Where(s => s.Share is < 0 or > 1))
        {
            errors.Add(new ValidationError("ShareOutOfRange", $"{field}.{name}", "Tỉ lệ phải từ 0 đến 1.", "A share must be from 0 to 1."));
        }

        foreach (string code in assessment.NotCompletedFindings.Where(code =>
            !ruleSet.NotCompletedTriggers.Any(t => t.Code == code && t.AppliesTo == TriggerScope.Individual)))
        {
            errors.Add(new ValidationError("UnknownFinding", $"{field}.notCompletedFindings",
                $"Bộ quy định {ruleSet.Id} không có trường hợp Không hoàn thành nhiệm vụ {code} cho cá nhân.",
                $"Rule set {ruleSet.Id} has no individual Not completed condition {code}."));
        }

        return errors;
    }

    private static void Check(PointsAssessment assessment, RuleSet ruleSet)
    {
        if (Validate(assessment, ruleSet, "assessment") is [var first, ..])
        {
            throw new ArgumentException($"{first.Field}: {first.MessageEn}", nameof(assessment));
        }
    }

    private static decimal ValueOf(ScoringMetric metric, PointsAssessment a) => metric switch
    {
        ScoringMetric.TasksOnTimeShare => a.TasksOnTimeShare,
        ScoringMetric.TasksExceedingShare => a.TasksExceedingShare,
        ScoringMetric.ShortcomingsFixedShare => a.ShortcomingsFixedShare,
        ScoringMetric.TasksBehindScheduleShare => 1 - a.TasksOnTimeShare,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
    };

    private static RatingReason Unmet(RatingLevel level, BandRequirement r, decimal actual, RuleSet ruleSet)
    {
        string bound = r.Min is { } min ? $"≥ {Percent(min)}" : $"≤ {Percent(r.Max!.Value)}";
        (string vi, string en) = r.Metric switch
        {
            ScoringMetric.TasksOnTimeShare => ("nhiệm vụ hoàn thành đúng tiến độ", "tasks done on time"),
            ScoringMetric.TasksExceedingShare => ("nhiệm vụ vượt yêu cầu", "tasks exceeding requirements"),
            ScoringMetric.ShortcomingsFixedShare => ("hạn chế, khuyết điểm kỳ trước đã khắc phục", "last review's shortcomings fixed"),
            _ => ("nhiệm vụ chậm tiến độ", "tasks behind schedule"),
        };
        return new RatingReason(
            $"Unmet:{level}:{r.Metric}",
            $"Mức {ruleSet.Level(level).NameVi} cần {vi} {bound}, thực tế {Percent(actual)}.",
            $"{level} needs {en} {bound}; was {Percent(actual)}.");
    }

    private static string Percent(decimal share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Format(decimal points) => points.ToString("0.##", CultureInfo.InvariantCulture);
}
