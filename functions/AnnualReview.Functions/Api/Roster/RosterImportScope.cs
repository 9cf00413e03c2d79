using Azure;
using Azure.Data.Tables;
using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Api.Roster;

/// <summary>
/// Whether a caller may import a roster: the imported tree must hang from the caller's own unit or from a unit
/// in the caller's stored subtree, and no unit already stored elsewhere may be pulled into it.
/// </summary>
public sealed class RosterImportScope(AssessmentStorage storage)
{
    /// <summary>The first imported unit the caller may not write, or null when the whole import is theirs.</summary>
    public async Task<string?> FirstOutsideAsync(Caller caller, IReadOnlyList<Unit> imported, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(imported);
        if (caller.Is(AppRoles.Admin))
        {
            return null;
        }

        if (caller.UnitId is not { } home)
        {
            return imported.Count > 0 ? imported[0].Id : null;
        }

        Dictionary<string, string?> stored = await StoredParentsAsync(cancellation);
        bool StoredUnder(string unitId)
        {
            string? at = unitId;
            for (int depth = 0; at is not null && depth < 32; depth++, at = stored.GetValueOrDefault(at))
            {
                if (at == home)
                {
                    return true;
                }
            }

            return false;
        }

        foreach (Unit unit in imported)
        {
            bool isRoot = unit.ParentId is null;
            bool allowed = stored.ContainsKey(unit.Id) ? StoredUnder(unit.Id) : !isRoot || unit.Id == home;
            if (!allowed)
            {
                return unit.Id;
            }
        }

        // New units are allowed only because the tree they join is the caller's: its root must be.
        Unit? root = imported.FirstOrDefault(u => u.ParentId is null);
        return root is null || root.Id == home || (stored.ContainsKey(root.Id) && StoredUnder(root.Id)) ? null : root.Id;
    }

    private async Task<Dictionary<string, string?>> StoredParentsAsync(CancellationToken cancellation)
    {
        var parents = new Dictionary<string, string?>(StringComparer.Ordinal);
        try
        {
            await foreach (TableEntity row in storage.UnitIndex.QueryAsync<TableEntity>(select: ["Id", "ParentId"], cancellationToken: cancellation))
            {
                parents[row.GetString("Id") ?? row.PartitionKey] = row.GetString("ParentId");
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No roster yet.
        }

        return parents;
    }
}
