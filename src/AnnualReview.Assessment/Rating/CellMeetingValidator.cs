using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Rating;

/// <summary>
/// Checks a cell meeting's record before its tallies are used. Probationary members may be voted on (they are
/// rated) but do not vote, which is why every count is bounded by full members only.
/// </summary>
public static class CellMeetingValidator
{
    /// <summary>The code of the error for more convened than the cell can convene; the API answers it with its own problem.</summary>
    public const string ConvenedExceedsRoster = "ConvenedExceedsRoster";

    /// <summary>
    /// The full members a meeting can convene: exempt and suspended members take no part in party activities, so
    /// counting them would lower the share a vote needs.
    /// </summary>
    public static int Convenable(IEnumerable<Member> cellMembers)
    {
        ArgumentNullException.ThrowIfNull(cellMembers);
        return cellMembers.Count(m => m.Membership == MembershipKind.Full && m.Standing is not (MemberStanding.Exempt or MemberStanding.Suspended));
    }

    /// <summary>Every problem found, empty when the record is usable.</summary>
    /// <param name="meeting">The record to check.</param>
    /// <param name="cellMembers">The cell's roster: tallies must be for these members, and convened full members cannot exceed its full members in activity.</param>
    /// <param name="ruleSet">The cycle's rule set: tallies of points are accepted only when it scores points, and checked against its scale.</param>
    public static IReadOnlyList<ValidationError> Validate(CellMeeting meeting, IEnumerable<Member> cellMembers, RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(cellMembers);
        ArgumentNullException.ThrowIfNull(ruleSet);

        var errors = new List<ValidationError>();
        Dictionary<string, Member> roster = cellMembers.ToDictionary(m => m.Id, StringComparer.Ordinal);
        int convenable = Convenable(roster.Values);

        if (meeting.FullMembersConvened < 0)
        {
            errors.Add(Negative("fullMembersConvened", "Số đảng viên chính thức được triệu tập", "The number of full members convened"));
        }
        else if (meeting.FullMembersConvened > convenable)
        {
            errors.Add(new ValidationError(
                ConvenedExceedsRoster,
                "fullMembersConvened",
                $"Số đảng viên chính thức được triệu tập ({meeting.FullMembersConvened}) vượt quá số đảng viên chính thức của chi bộ không được miễn hay đình chỉ sinh hoạt đảng ({convenable}).",
                $"Full members convened ({meeting.FullMembersConvened}) exceed the cell's full members who are neither exempt nor suspended ({convenable})."));
        }

        if (meeting.FullMembersPresent < 0)
        {
            errors.Add(Negative("fullMembersPresent", "Số đảng viên chính thức có mặt", "The number of full members present"));
        }
        else if (meeting.FullMembersPresent > meeting.FullMembersConvened)
        {
            errors.Add(new ValidationError(
                "PresentExceedsConvened",
                "fullMembersPresent",
                $"Số đảng viên chính thức có mặt ({meeting.FullMembersPresent}) vượt quá số được triệu tập ({meeting.FullMembersConvened}).",
                $"Full members present ({meeting.FullMembersPresent}) exceed those convened ({meeting.FullMembersConvened})."));
        }

        var tallied = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < meeting.Tallies.Count; i++)
        {
            ValidateTally(meeting, meeting.Tallies[i], $"tallies[{i}]", roster, tallied, errors);
            if (meeting.Tallies[i].Points is { } points)
            {
                ValidatePoints(meeting.Tallies[i], points, $"tallies[{i}]", ruleSet, errors);
            }
        }

        return errors;
    }

    private static void ValidateTally(
        CellMeeting meeting,
        VoteTally tally,
        string field,
        Dictionary<string, Member> roster,
        HashSet<string> tallied,
        List<ValidationError> errors)
    {
        if (!roster.ContainsKey(tally.MemberId))
        {
            errors.Add(new ValidationError(
                "MemberNotInCell",
                $"{field}.memberId",
                $"Đảng viên {tally.MemberId} không thuộc chi bộ {meeting.CellId}.",
                $"Member {tally.MemberId} is not in cell {meeting.CellId}."));
        }
        else if (!tallied.Add(tally.MemberId))
        {
            errors.Add(new ValidationError(
                "DuplicateTally",
                $"{field}.memberId",
                $"Đảng viên {tally.MemberId} có hai kết quả biểu quyết.",
                $"Member {tally.MemberId} has two tallies."));
        }

        (string Name, int Votes)[] counts =
        [
            ("excellent", tally.Excellent), ("good", tally.Good), ("completed", tally.Completed), ("notCompleted", tally.NotCompleted),
        ];
        foreach ((string name, int votes) in counts.Where(c => c.Votes < 0))
        {
            errors.Add(Negative($"{field}.{name}", "Số phiếu", "The number of votes"));
        }

        // One ballot per present full member: more votes than voters means a miscount.
        if (counts.All(c => c.Votes >= 0) && tally.Total > meeting.FullMembersPresent)
        {
            errors.Add(new ValidationError(
                "VotesExceedPresent",
                field,
                $"Tổng số phiếu cho đảng viên {tally.MemberId} ({tally.Total}) vượt quá số đảng viên chính thức có mặt ({meeting.FullMembersPresent}).",
                $"The votes for member {tally.MemberId} ({tally.Total}) exceed the full members present ({meeting.FullMembersPresent})."));
        }
    }

    /// <summary>A tally of points stands in for the vote: it carries no votes, and its points fit the rule set's scale.</summary>
    private static void ValidatePoints(VoteTally tally, PointsAssessment points, string field, RuleSet ruleSet, List<ValidationError> errors)
    {
        if (tally.Total != 0)
        {
            errors.Add(new ValidationError(
                "VotesAndPoints",
                field,
                $"Kết quả cho đảng viên {tally.MemberId} ghi cả số phiếu lẫn số điểm; chỉ ghi một trong hai.",
                $"The tally for member {tally.MemberId} has both votes and points; give one of them."));
        }

        errors.AddRange(PointsRating.Validate(points, ruleSet, $"{field}.points"));
    }

    private static ValidationError Negative(string field, string whatVi, string whatEn) =>
        new("Negative", field, $"{whatVi} không được âm.", $"{whatEn} must not be negative.");
}
