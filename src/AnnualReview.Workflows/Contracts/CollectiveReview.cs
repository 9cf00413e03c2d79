namespace AnnualReview.Workflows.Contracts;

/// <summary>
/// A cell's own review (báo cáo kiểm điểm tập thể) is kept where a member's is, under an id of its own: its
/// versions with the submissions, its rating for the year with the members' ratings. Last year's shortcomings
/// are then carried into next year's report the same way as a member's.
/// </summary>
public static class CollectiveReview
{
    public static string Id(string cellId) => "collective|" + cellId;
}
