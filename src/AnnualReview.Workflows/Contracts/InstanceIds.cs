namespace AnnualReview.Workflows.Contracts;

/// <summary>Instance ids follow the tree, so one cycle's instances share a prefix and each unit's is predictable.</summary>
public static class CycleInstanceIds
{
    public static string Cycle(string cycleId) => cycleId;

    public static string Unit(string cycleId, string unitId) => $"{cycleId}~{unitId}";

    /// <summary>The unit a unit instance's id names (what follows the cycle's id), or null for any other id.</summary>
    public static string? UnitOf(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        int at = instanceId.IndexOf('~', StringComparison.Ordinal);
        return at > 0 && at < instanceId.Length - 1 && instanceId.IndexOf('~', at + 1) < 0 ? instanceId[(at + 1)..] : null;
    }

    public static string ReRating(string memberId, int year, string reference) => $"{ReRatingPrefix}{memberId}~{year}~{reference}";

    /// <summary>What every re-rating's instance id starts with, to list them.</summary>
    public const string ReRatingPrefix = "rerate~";
}
