using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rating;
using AnnualReview.Assessment.Rules;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>
/// The meeting record as sent: head counts of full members, the secret-ballot flag, a tally per member (votes per
/// level, or under a rule set that scores points, the points the meeting agreed).
/// </summary>
public sealed record MeetingRequest(int? FullMembersConvened, int? FullMembersPresent, bool? SecretBallot, List<TallyRequest>? Tallies, bool Supplementary = false)
{
    /// <summary>The event to raise, or null with the reasons in <paramref name="errors"/>; the domain's validator decides most.</summary>
    public MeetingRecorded? ToEvent(string cellId, IReadOnlyList<Member> members, RuleSet ruleSet, string recordedBy, List<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(errors);
        if (FullMembersConvened is null)
        {
            errors.Add(Required("fullMembersConvened", "Số đảng viên chính thức được triệu tập", "Full members convened"));
        }
        else if (FullMembersConvened == 0)
        {
            errors.Add(new ValidationError("NoneConvened", "fullMembersConvened", "Chưa có đảng viên chính thức nào được triệu tập.", "No full members were convened."));
        }

        if (FullMembersPresent is null)
        {
            errors.Add(Required("fullMembersPresent", "Số đảng viên chính thức có mặt", "Full members present"));
        }

        // Xếp loại đảng viên is voted by secret ballot; a show of hands is not a valid record.
        if (SecretBallot != true)
        {
            errors.Add(new ValidationError("SecretBallotRequired", "secretBallot",
                "Biểu quyết xếp loại đảng viên phải bằng phiếu kín.", "Members are rated by secret ballot."));
        }

        if (Tallies is not { Count: > 0 })
        {
            errors.Add(Required("tallies", "Kết quả biểu quyết", "The tallies"));
        }

        var tallies = new List<MemberTally>();
        for (int i = 0; i < (Tallies?.Count ?? 0); i++)
        {
            tallies.Add(Tallies![i].ToTally($"tallies[{i}]", errors));
        }

        // The domain's checks run whenever the head counts are there, so every error comes back in one reply.
        if (FullMembersConvened is { } convened && FullMembersPresent is { } present)
        {
            var cellMeeting = new CellMeeting(cellId, default, convened, present,
                [.. tallies.Select(t => t.ToVoteTally())]);
            errors.AddRange(CellMeetingValidator.Validate(cellMeeting, members, ruleSet).Where(e => !errors.Exists(known => known.Field == e.Field && known.Code == e.Code)));
        }

        return errors.Count > 0 ? null : new MeetingRecorded(FullMembersConvened!.Value, FullMembersPresent!.Value, tallies, recordedBy, Supplementary);
    }

    internal static ValidationError Required(string field, string whatVi, string whatEn) => new("Required", field, $"{whatVi}: bắt buộc.", $"{whatEn}: required.");
}

/// <summary>One member's tally: votes per level name (Excellent, Good, Completed, NotCompleted), or the points agreed.</summary>
public sealed record TallyRequest(string? MemberId, Dictionary<string, int>? Votes, PointsRequest? Points = null)
{
    public MemberTally ToTally(string field, List<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(MemberId))
        {
            errors.Add(MeetingRequest.Required($"{field}.memberId", "Mã đảng viên", "The member id"));
        }

        var votes = Enum.GetValues<RatingLevel>().ToDictionary(l => l, _ => 0);
        foreach (var (name, count) in Votes ?? [])
        {
            if (SelfReviewUpload.TryLevel(name, out RatingLevel level))
            {
                votes[level] = count;
            }
            else
            {
                errors.Add(new ValidationError("InvalidLevel", $"{field}.votes.{name}",
                    $"Không có mức xếp loại {name}.", $"There is no level {name}."));
            }
        }

        return new MemberTally(MemberId?.Trim() ?? "", votes, Points?.ToAssessment($"{field}.points", errors));
    }
}

/// <summary>
/// The points a meeting agreed for a member (phần B.I of the form, as the cell settled it): points per criteria
/// group code, the task shares from 0 to 1, and any Not completed conditions found, by the rule set's codes.
/// <c>shortcomingsFixedShare</c> is not read: the share of last review's shortcomings fixed comes from the
/// member's submitted A.III (see the proposed levels in the reply); the field stays so older clients still post.
/// </summary>
public sealed record PointsRequest(
    Dictionary<string, decimal>? GroupPoints, decimal? TasksOnTimeShare, decimal? TasksExceedingShare, decimal? ShortcomingsFixedShare, List<string>? NotCompletedFindings)
{
    public PointsAssessment ToAssessment(string field, List<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        (string Name, decimal? Value, string Vi, string En)[] shares =
        [
            ("tasksOnTimeShare", TasksOnTimeShare, "Tỉ lệ nhiệm vụ đúng tiến độ", "The share of tasks on time"),
            ("tasksExceedingShare", TasksExceedingShare, "Tỉ lệ nhiệm vụ vượt yêu cầu", "The share of tasks exceeding requirements"),
        ];
        foreach (var share in shares.Where(s => s.Value is null))
        {
            errors.Add(MeetingRequest.Required($"{field}.{share.Name}", share.Vi, share.En));
        }

        // Group points are checked against the rule set's scale by the domain's validator, which names each group.
        return new PointsAssessment(GroupPoints ?? [], TasksOnTimeShare ?? 0, TasksExceedingShare ?? 0, ShortcomingsFixedShare: 0)
        {
            NotCompletedFindings = NotCompletedFindings ?? [],
        };
    }
}
