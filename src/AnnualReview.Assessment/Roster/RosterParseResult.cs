using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

/// <summary>
/// What a parser read: the rows it could read, with their positions, and every error it met. Rows with an
/// unreadable field are left out of <see cref="Units"/>/<see cref="Members"/> and reported in <see cref="Errors"/>.
/// </summary>
public sealed record RosterParseResult(
    IReadOnlyList<RosterRow<Unit>> Units,
    IReadOnlyList<RosterRow<Member>> Members,
    IReadOnlyList<RosterError> Errors)
{
    /// <summary>
    /// Ids of unit rows that were present but unreadable. Validation does not call their members "in an unknown
    /// cell": the row's own error is the one to fix, and one typo should not bury the user under a hundred errors.
    /// </summary>
    public IReadOnlySet<string> UnreadableUnitIds { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Nothing read, nothing wrong.</summary>
    public static RosterParseResult Empty { get; } = new([], [], []);

    /// <summary>Joins the units file and the members file into one roster to validate.</summary>
    public static RosterParseResult Combine(RosterParseResult first, RosterParseResult second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var unreadable = new HashSet<string>(first.UnreadableUnitIds, StringComparer.Ordinal);
        unreadable.UnionWith(second.UnreadableUnitIds);
        return new RosterParseResult(
            [.. first.Units, .. second.Units],
            [.. first.Members, .. second.Members],
            [.. first.Errors, .. second.Errors])
        {
            UnreadableUnitIds = unreadable,
        };
    }
}
