using AnnualReview.Functions.Problems;

namespace AnnualReview.Functions.Api.Cycles;

/// <summary>Problem kinds only starting a cycle reports (the shared ones live in <see cref="ProblemKind"/>).</summary>
public static class CycleProblems
{
    public static readonly ProblemKind CycleExists = new("cycle-exists", 409,
        "Đợt đánh giá này đã được bắt đầu", "This cycle has already been started");

    public static readonly ProblemKind DatePassed = new("date-passed", 422,
        "Hạn của đợt đánh giá đã qua", "The cycle's due dates have passed");
}
