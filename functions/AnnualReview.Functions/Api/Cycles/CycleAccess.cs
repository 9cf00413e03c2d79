using Microsoft.DurableTask.Client;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Api.Cycles;

/// <summary>A cycle as the API sees it: its instance and the input it pinned.</summary>
public sealed record CycleRecord(OrchestrationMetadata Instance, CycleInput Input);

/// <summary>
/// Who sees which cycle and which part of it. A caller sees a cycle whose subtree holds their unit or lies in
/// their subtree; inside it, the units under their own unit (all of it when the cycle's root is under them).
/// </summary>
public sealed class CycleAccess(DurableTaskClient client, CycleRegistry registry, UnitScope scope)
{
    /// <summary>Who may read progress: everyone but plain members, who reach only their own review.</summary>
    public static readonly string[] ReaderRoles = [AppRoles.OrganizationBoard, AppRoles.Committee, AppRoles.CellSecretary, AppRoles.Auditor, AppRoles.Admin];

    public async Task<CycleRecord?> FindAsync(string cycleId, CancellationToken cancellation)
    {
        OrchestrationMetadata? instance = await client.GetInstanceAsync(CycleInstanceIds.Cycle(cycleId), true, cancellation);
        if (instance is null || WorkflowNames.OrchestratorOf(instance.Name) != WorkflowNames.Cycle || instance.ReadInputAs<CycleInput>() is not { } input)
        {
            return null;
        }

        return new CycleRecord(instance, input);
    }

    /// <summary>Every cycle started (there are a few a year), with its instance.</summary>
    public async IAsyncEnumerable<CycleRecord> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        foreach (CycleInput input in await registry.AllAsync(cancellation))
        {
            if (await client.GetInstanceAsync(CycleInstanceIds.Cycle(input.CycleId), false, cancellation) is { } instance)
            {
                yield return new CycleRecord(instance, input);
            }
        }
    }

    /// <summary>True when the whole cycle lies in the caller's subtree.</summary>
    public Task<bool> CoversWholeAsync(Caller caller, CycleRecord cycle, CancellationToken cancellation)
        => scope.CoversAsync(caller, cycle.Input.RootUnitId, cancellation);

    public async Task<bool> SeesAsync(Caller caller, CycleRecord cycle, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(cycle);
        if (await CoversWholeAsync(caller, cycle, cancellation))
        {
            return true;
        }

        return caller.UnitId is { } home
            && await scope.ChainAsync(home, cancellation) is { } chain
            && chain.Contains(cycle.Input.RootUnitId, StringComparer.Ordinal);
    }

    /// <summary>The units of the cycle the caller may read, from the progress rows' own tree; null means all of them.</summary>
    public async Task<HashSet<string>?> VisibleUnitsAsync(Caller caller, CycleRecord cycle, IEnumerable<ProgressRow> rows, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await CoversWholeAsync(caller, cycle, cancellation))
        {
            return null;
        }

        return caller.UnitId is { } home ? Subtree(rows, home) : [];
    }

    public static HashSet<string> Subtree(IEnumerable<ProgressRow> rows, string topId)
    {
        var children = rows.Where(p => p.ParentId is not null).ToLookup(p => p.ParentId!, p => p.UnitId, StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal) { topId };
        var queue = new Queue<string>([topId]);
        while (queue.TryDequeue(out string? unit))
        {
            foreach (string child in children[unit].Where(found.Add))
            {
                queue.Enqueue(child);
            }
        }

        return found;
    }
}
