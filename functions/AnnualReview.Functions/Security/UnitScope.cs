using System.Collections.Concurrent;
using AnnualReview.Assessment.Model;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Security;

/// <summary>
/// Whether a unit lies in a caller's subtree: the caller's unit claim is the unit itself or one of its ancestors.
/// Admins cover the whole tree. Ancestor chains are cached briefly, since the roster changes between cycles, not minutes.
/// </summary>
public sealed class UnitScope(RosterStore roster)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, string[]? Chain)> _chains = new(StringComparer.Ordinal);

    public async Task<bool> CoversAsync(Caller caller, string targetUnitId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Is(AppRoles.Admin))
        {
            return true;
        }

        if (caller.UnitId is null)
        {
            return false;
        }

        string[]? chain = await ChainAsync(targetUnitId, cancellation);
        return chain is not null && chain.Contains(caller.UnitId, StringComparer.Ordinal);
    }

    /// <summary>The unit and its ancestors, or null when the unit does not exist.</summary>
    public async Task<string[]?> ChainAsync(string unitId, CancellationToken cancellation)
    {
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        if (_chains.TryGetValue(unitId, out var cached) && now - cached.At < CacheFor)
        {
            return cached.Chain;
        }

        Unit? unit = await roster.GetUnitAsync(unitId, cancellation);
        string[]? chain = unit is null ? null : [unit.Id, .. (await roster.GetAncestorsAsync(unit, cancellation)).Select(u => u.Id)];
        _chains[unitId] = (now, chain);
        return chain;
    }
}
