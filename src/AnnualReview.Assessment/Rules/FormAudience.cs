namespace AnnualReview.Assessment.Rules;

/// <summary>Who fills in a form; decides which form a member gets.</summary>
public enum FormAudience
{
    /// <summary>Tập thể: the organization's report.</summary>
    Collective,

    /// <summary>Cá nhân giữ chức vụ lãnh đạo, quản lý.</summary>
    Leadership,

    /// <summary>Cá nhân không giữ chức vụ lãnh đạo, quản lý.</summary>
    NonLeadership,

    /// <summary>Đảng viên không công tác trong hệ thống chính trị (retired, students, private business).</summary>
    OutsidePoliticalSystem,
}
