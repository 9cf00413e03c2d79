namespace AnnualReview.Assessment.Model;

/// <summary>Đảng viên chính thức / dự bị.</summary>
public enum MembershipKind
{
    Full,
    Probationary,
}

/// <summary>Why a member is outside the normal rating this year.</summary>
public enum MemberStanding
{
    Active,

    /// <summary>Miễn công tác và sinh hoạt đảng.</summary>
    Exempt,

    /// <summary>Đình chỉ sinh hoạt đảng.</summary>
    Suspended,
}

/// <summary>Leave in the year that changes how a member is rated (ốm đau dài ngày, thai sản).</summary>
public enum LeaveKind
{
    None,
    LongSick,
    Maternity,
}

/// <summary>A party member as the roster knows them.</summary>
public sealed record Member(
    string Id,
    string FullName,
    string CellId,
    MembershipKind Membership,
    DateOnly AdmittedOn)
{
    public MemberStanding Standing { get; init; } = MemberStanding.Active;

    public LeaveKind Leave { get; init; } = LeaveKind.None;

    /// <summary>Months of leave in the year (sick leave counts when it totals 3 months or more).</summary>
    public int LeaveMonths { get; init; }

    /// <summary>Leadership post (chức vụ lãnh đạo, quản lý); null when none. Decides form 02A vs 02B and the quota group.</summary>
    public string? LeadershipPost { get; init; }

    /// <summary>Whether the member works outside the political system (retired, student, private business): form 02C.</summary>
    public bool OutsidePoliticalSystem { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }
}
