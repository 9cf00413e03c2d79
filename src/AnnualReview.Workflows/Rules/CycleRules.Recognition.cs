using System.Globalization;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rating;
using AnnualReview.Assessment.Recognition;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Workflows.Rules;

public sealed partial class CycleRules
{
    /// <summary>Whether a member is reviewed and rated in a cycle, as of its admission reference date.</summary>
    public Eligibility EligibilityOf(Member member, CycleInput cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return EligibilityOf(member, AdmissionReferenceOf(cycle));
    }

    /// <summary>Whether a member is reviewed and rated, counting "admitted less than N months" back from <paramref name="reference"/>.</summary>
    public Eligibility EligibilityOf(Member member, DateOnly reference)
    {
        RatingEligibility decision = RatingEligibility.For(member, RuleSet, reference);
        bool rated = decision.Kind != EligibilityKind.NotRated;
        return new Eligibility(
            rated,
            decision.Reason?.MessageVi,
            decision.Kind == EligibilityKind.Capped ? decision.CapAt : null,
            decision.Kind == EligibilityKind.RatedOnWorkedTime,
            !rated && decision.Reviewed);
    }

    /// <summary>The cycle's own date, or (cycles started before it was a setting) the rule set's in the cycle's year.</summary>
    public DateOnly AdmissionReferenceOf(CycleInput cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return cycle.AdmissionReferenceDate ?? RuleSet.Eligibility.AdmissionReference.Value.In(cycle.Year);
    }

    /// <summary>Awards, flags and follow-up for a final level, given the member's earlier years.</summary>
    public MemberRecognition Recognize(string memberId, int year, RatingLevel level, IReadOnlyDictionary<int, RatingLevel> previousYears)
    {
        RecognitionOutcome outcome = RecognitionRules.Evaluate(memberId, year, level, previousYears, RuleSet.Recognition);
        return new MemberRecognition(memberId, level)
        {
            Awards = [.. outcome.Awards.Select(AwardKey)],
            Flags = [.. outcome.Flags.Select(f => f.Kind.ToString())],
            FollowUpPlan = outcome.FollowUp is not null,
        };
    }

    /// <summary>Which stored awards (by the year of the record holding them) a re-rating revokes.</summary>
    public static IReadOnlyList<(int RecordYear, string Award)> RevokedBy(ReRatingInput input, RatingLevel? oldLevel, IReadOnlyDictionary<int, RatingRecord> records)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(records);
        var granted = new List<(int RecordYear, string Key, Award Award)>();
        foreach (var (recordYear, record) in records)
        {
            foreach (string key in record.Awards)
            {
                if (ParseAward(input.MemberId, key) is { } award)
                {
                    granted.Add((recordYear, key, award));
                }
            }
        }

        ReRatingResult result = ReRating.Apply(input.MemberId, input.Year, oldLevel ?? input.NewLevel, input.NewLevel, input.Reason, granted.Select(g => g.Award));
        return [.. granted.Where(g => result.ToRevoke.Contains(g.Award)).Select(g => (g.RecordYear, g.Key))];
    }

    /// <summary>An award as stored: its kind and the years it covers, e.g. "FiveConsecutiveExcellent:2021-2025".</summary>
    public static string AwardKey(Award award)
    {
        ArgumentNullException.ThrowIfNull(award);
        return string.Create(CultureInfo.InvariantCulture, $"{award.Kind}:{award.FirstYear}-{award.Year}");
    }

    private static Award? ParseAward(string memberId, string key)
    {
        string[] parts = key.Split(':', '-');
        return parts.Length == 3 && Enum.TryParse(parts[0], out AwardKind kind)
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int first) && int.TryParse(parts[2], CultureInfo.InvariantCulture, out int last)
            ? new Award(kind, memberId, last, first, "", "", "", "")
            : null;
    }
}
