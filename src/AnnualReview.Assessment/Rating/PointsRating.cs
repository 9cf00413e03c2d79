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
        Check(assessment, scale, ruleSet);

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

    private static void Check(PointsAssessment assessment, PointsScale scale, RuleSet ruleSet)
    {
        foreach (CriteriaGroup group in scale.CriteriaGroups)
        {
            if (!assessment.GroupPoints.TryGetValue(group.Code, out decimal points) || points < 0 || points > group.MaxPoints.Value)
            {
                throw new ArgumentException($"Points for group {group.Code} must be given, between 0 and {group.MaxPoints.Value}.", nameof(assessment));
            }
        }

        string? unknown = assessment.GroupPoints.Keys.FirstOrDefault(k => scale.CriteriaGroups.All(g => g.Code != k));
        if (unknown is not null)
        {
            throw new ArgumentException($"Rule set {ruleSet.Id} has no criteria group {unknown}.", nameof(assessment));
        }

        foreach (decimal share in new[] { assessment.TasksOnTimeShare, assessment.TasksExceedingShare, assessment.ShortcomingsFixedShare })
        {
            if (share is < 0 or > 1)
            {
                throw new ArgumentException("Task shares must be between 0 and 1.", nameof(assessment));
            }
        }

        string? unknownFinding = assessment.NotCompletedFindings.FirstOrDefault(code =>
            !ruleSet.NotCompletedTriggers.Any(t => t.Code == code && t.AppliesTo == TriggerScope.Individual));
        if (unknownFinding is not null)
        {
            throw new ArgumentException($"Rule set {ruleSet.Id} has no individual Not completed condition {unknownFinding}.", nameof(assessment));
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
