using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

/// <summary>
/// Decides whether a parsed roster may be imported. Any parse or validation error refuses the whole roster:
/// a half-imported tree would start a cycle with cells missing and nobody would notice until December.
/// </summary>
public static class RosterImport
{
    /// <summary>Validates what was parsed and returns either the whole roster or every error.</summary>
    public static RosterImportResult Run(RosterParseResult parsed, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var validation = RosterValidator.Validate(parsed.Units, parsed.Members, today, parsed.UnreadableUnitIds);
        if (parsed.Errors.Count == 0 && validation.Count == 0)
        {
            return new RosterImportResult(
                true,
                [.. parsed.Units.Select(row => row.Value)],
                [.. parsed.Members.Select(row => row.Value)],
                []);
        }

        RosterError[] errors =
        [
            .. parsed.Errors.Concat(validation)
                .OrderBy(e => e.Position is null ? 0 : e.Position.Value.Collection == "members" ? 2 : 1)
                .ThenBy(e => e.Position?.Index ?? -1),
        ];
        return new RosterImportResult(false, Array.Empty<Unit>(), Array.Empty<Member>(), errors);
    }

    /// <summary>Parses a units CSV and a members CSV and imports them together.</summary>
    public static RosterImportResult FromCsv(TextReader units, TextReader members, DateOnly today) =>
        Run(RosterParseResult.Combine(RosterCsv.ParseUnits(units), RosterCsv.ParseMembers(members)), today);

    /// <summary>Parses a JSON roster document and imports it.</summary>
    public static RosterImportResult FromJson(string json, DateOnly today) => Run(RosterJson.Parse(json), today);
}
