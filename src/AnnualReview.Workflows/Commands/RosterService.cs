using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Workflows.Commands;

/// <summary>What an import did: refused with every bad row, or written with what changed.</summary>
public sealed record RosterImportReport(bool Imported, IReadOnlyList<RosterError> Errors, RosterDiffResult? Changes);

/// <summary>
/// Imports a roster: validate everything (the domain), refuse the whole file when anything is wrong, otherwise
/// compare with what is stored and write it. Importing the same roster again changes nothing and says so.
/// </summary>
public sealed class RosterService(AssessmentStorage storage, TimeProvider clock)
{
    public async Task<RosterImportReport> ImportCsvAsync(TextReader units, TextReader members, CancellationToken cancellation)
        => await ImportAsync(RosterImport.FromCsv(units, members, Today()), cancellation);

    public async Task<RosterImportReport> ImportJsonAsync(string json, CancellationToken cancellation)
        => await ImportAsync(RosterImport.FromJson(json, Today()), cancellation);

    public async Task<RosterImportReport> ImportAsync(RosterImportResult validated, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(validated);
        if (!validated.Valid)
        {
            return new RosterImportReport(false, validated.Errors, null);
        }

        await storage.EnsureCreatedAsync(cancellation);
        var store = new RosterStore(storage);
        (List<Unit> units, List<Member> members) = await store.ReadAllAsync(cancellation);
        RosterDiffResult changes = RosterDiff.Compute(units, members, validated.Units, validated.Members);
        if (!changes.IsEmpty)
        {
            var moved = changes.MovedMembers.ToDictionary(m => m.MemberId, m => m.FromCellId, StringComparer.Ordinal);
            var changedMembers = changes.AddedMembers
                .Concat(changes.UpdatedMembers.Select(c => c.After))
                .ToList();
            var movedIds = moved.Keys.ToHashSet(StringComparer.Ordinal);
            changedMembers.AddRange(validated.Members.Where(m => movedIds.Contains(m.Id) && !changedMembers.Exists(c => c.Id == m.Id)));
            var changedUnits = changes.AddedUnits.Concat(changes.UpdatedUnits.Select(c => c.After)).ToList();
            await store.WriteAsync(changedUnits, changedMembers, moved, cancellation);
        }

        return new RosterImportReport(true, [], changes);
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
