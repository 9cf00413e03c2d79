using System.Collections.Concurrent;
using System.Reflection;

namespace AnnualReview.Assessment.Rules;

/// <summary>
/// The rule sets shipped with the library (Rules/Data/*.json, embedded), by id: the file name, e.g. "QD366-2025".
/// Parsed once per process; rule sets are immutable, so sharing them is safe.
/// </summary>
public static class RuleSetLoader
{
    private const string ResourcePrefix = "AnnualReview.Assessment.Rules.Data.";
    private const string ResourceSuffix = ".json";

    private static readonly Assembly Library = typeof(RuleSetLoader).Assembly;
    private static readonly ConcurrentDictionary<string, RuleSet> Loaded = new(StringComparer.Ordinal);

    /// <summary>The ids of the shipped rule sets, sorted.</summary>
    public static IReadOnlyList<string> AvailableIds { get; } = Library.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^ResourceSuffix.Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Loads a shipped rule set. Throws <see cref="RuleSetException"/> for an unknown id or a broken file.</summary>
    public static RuleSet Load(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Loaded.GetOrAdd(id, static id =>
        {
            if (!AvailableIds.Contains(id, StringComparer.Ordinal))
            {
                throw new RuleSetException("id", $"no rule set '{id}'; available: {string.Join(", ", AvailableIds)}");
            }

            using Stream stream = Library.GetManifestResourceStream(ResourcePrefix + id + ResourceSuffix)!;
            using var reader = new StreamReader(stream);
            RuleSet ruleSet = Parse(reader.ReadToEnd());

            // The id is how cycles pin their rules; a file whose content says otherwise would pin the wrong ones.
            return ruleSet.Id == id
                ? ruleSet
                : throw new RuleSetException("id", $"is '{ruleSet.Id}' but the file is named '{id}'");
        });
    }

    /// <summary>Reads and validates a rule set document (e.g. one under review before it ships).</summary>
    public static RuleSet Parse(string json) => RuleSetParser.Parse(json);
}
