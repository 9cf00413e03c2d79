namespace AnnualReview.Workflows.Contracts;

/// <summary>Instance ids follow the tree, so one cycle's instances share a prefix and each unit's is predictable.</summary>
public static class CycleInstanceIds
{
    public static string Cycle(string cycleId) => cycleId;

    public static string Unit(string cycleId, string unitId) => $"{cycleId}~{unitId}";

    public static string ReRating(string memberId, int year, string reference) => $"rerate~{memberId}~{year}~{reference}";
}
