using Microsoft.DurableTask.Client;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Web;

/// <summary>A started cycle as the pages list it.</summary>
public sealed record CycleSummary(CycleInput Input, OrchestrationRuntimeStatus Status, DateTimeOffset CreatedAt)
{
    public string CycleId => Input.CycleId;
}

/// <summary>
/// Finds cycles from the cycle registry (each cycle is one orchestration carrying its pinned input), and
/// which of them concern a person: the cycle's subtree and the person's overlap.
/// </summary>
public sealed class CycleDirectory(DurableTaskClient client, CycleRegistry registry, UnitScope scope)
{
    public async Task<List<CycleSummary>> ListAsync(CancellationToken cancellation)
    {
        var cycles = new List<CycleSummary>();
        foreach (CycleInput input in await registry.AllAsync(cancellation))
        {
            if (await client.GetInstanceAsync(CycleInstanceIds.Cycle(input.CycleId), false, cancellation) is { } instance)
            {
                cycles.Add(new CycleSummary(input, instance.RuntimeStatus, instance.CreatedAt));
            }
        }

        return [.. cycles.OrderByDescending(c => c.Input.Year).ThenByDescending(c => c.CreatedAt)];
    }

    public async Task<CycleSummary?> GetAsync(string cycleId, CancellationToken cancellation)
    {
        OrchestrationMetadata? instance = await client.GetInstanceAsync(CycleInstanceIds.Cycle(cycleId), true, cancellation);
        return instance is not null && WorkflowNames.OrchestratorOf(instance.Name) == WorkflowNames.Cycle && instance.ReadInputAs<CycleInput>() is { } input
            ? new CycleSummary(input, instance.RuntimeStatus, instance.CreatedAt)
            : null;
    }

    /// <summary>Cycles whose subtree holds the unit, or lies under it.</summary>
    public async Task<List<CycleSummary>> ConcerningAsync(Caller caller, string? unitId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var concerning = new List<CycleSummary>();
        string[] chain = unitId is null ? [] : await scope.ChainAsync(unitId, cancellation) ?? [];
        foreach (CycleSummary cycle in await ListAsync(cancellation))
        {
            if (caller.Is(AppRoles.Admin) || chain.Contains(cycle.Input.RootUnitId, StringComparer.Ordinal) || await scope.CoversAsync(caller, cycle.Input.RootUnitId, cancellation))
            {
                concerning.Add(cycle);
            }
        }

        return concerning;
    }

    /// <summary>The cycle the request names, else the most recent one concerning the unit.</summary>
    public async Task<CycleSummary?> PickAsync(WebRequest request, string? unitId)
    {
        ArgumentNullException.ThrowIfNull(request);
        List<CycleSummary> cycles = await ConcerningAsync(request.Caller, unitId, request.Cancellation);
        string? named = request.Query("cycle");
        return named is null
            ? cycles.FirstOrDefault(c => c.Status == OrchestrationRuntimeStatus.Running) ?? cycles.FirstOrDefault()
            : cycles.FirstOrDefault(c => c.CycleId == named);
    }
}
