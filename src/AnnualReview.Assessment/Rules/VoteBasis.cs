namespace AnnualReview.Assessment.Rules;

/// <summary>What a vote threshold is a share of.</summary>
public enum VoteBasis
{
    /// <summary>Tổng số đảng viên chính thức được triệu tập (07-HD/BTCTW): absentees count against.</summary>
    FullMembersConvened,

    /// <summary>Đảng viên chính thức có mặt: offered for rule sets that say so.</summary>
    FullMembersPresent,
}
