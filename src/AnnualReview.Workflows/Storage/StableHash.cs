namespace AnnualReview.Workflows.Storage;

/// <summary>FNV-1a of a key: stable across processes and versions, unlike string.GetHashCode, so rows stay findable.</summary>
internal static class StableHash
{
    public static uint Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        uint hash = 2166136261;
        foreach (char c in key)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}
