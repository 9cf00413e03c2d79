using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Steps;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Rules;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>A running or finished cycle as the API needs it: what it pinned at its start.</summary>
public sealed record CycleInfo(CycleInput Input)
{
    public CycleRules Rules => CycleRules.For(Input.RuleSetId);
}

/// <summary>Where one unit's orchestration in a cycle stands, read from its custom status.</summary>
public sealed record UnitStep(OrchestrationRuntimeStatus Status, JsonElement? CustomStatus)
{
    public bool Running => Status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;

    public string? Stage => Text("stage");

    public bool Flag(string name) => CustomStatus is { ValueKind: JsonValueKind.Object } status
        && status.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.True;

    /// <summary>Whether the status's list <paramref name="name"/> holds <paramref name="value"/> (false when there is no such list).</summary>
    public bool Lists(string name, string value) => CustomStatus is { ValueKind: JsonValueKind.Object } status
        && status.TryGetProperty(name, out JsonElement list) && list.ValueKind == JsonValueKind.Array
        && list.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && e.GetString() == value);

    public string? Text(string name) => CustomStatus is { ValueKind: JsonValueKind.Object } status
        && status.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// Looks up cycles and the state of their units' orchestrations. A cycle's input never changes once it has
/// started (its rule set and dates are pinned), so it is cached for the life of the process.
/// </summary>
public sealed class CycleDirectory(DurableTaskClient client)
{
    private const int MaxCached = 256;
    private readonly ConcurrentDictionary<string, CycleInfo> _cycles = new(StringComparer.Ordinal);

    public DurableTaskClient Client => client;

    /// <summary>The cycle, or a 404 problem when no cycle has that id.</summary>
    public async Task<(CycleInfo? Cycle, IResult? Refusal)> FindAsync(HttpContext context, string cycleId)
    {
        ArgumentNullException.ThrowIfNull(context);
        (CycleInfo? cycle, StepRefusal? refusal) = await FindAsync(cycleId, context.RequestAborted);
        return (cycle, refusal?.ToProblem(context));
    }

    /// <summary>The cycle, or why there is none (the same for the API and the pages).</summary>
    public async Task<(CycleInfo? Cycle, StepRefusal? Refusal)> FindAsync(string cycleId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(cycleId);
        if (_cycles.TryGetValue(cycleId, out CycleInfo? cached))
        {
            return (cached, null);
        }

        OrchestrationMetadata? metadata = cycleId.Length is > 0 and <= 200 && !cycleId.Contains('~', StringComparison.Ordinal)
            ? await client.GetInstanceAsync(CycleInstanceIds.Cycle(cycleId), getInputsAndOutputs: true, cancellation)
            : null;
        CycleInput? input = metadata is not null && Workflows.WorkflowNames.OrchestratorOf(metadata.Name) == Workflows.WorkflowNames.Cycle ? metadata.ReadInputAs<CycleInput>() : null;
        if (input is null)
        {
            return (null, StepRefusal.Of(ProblemKind.NotFound, "cycleId", $"Không có đợt kiểm điểm {cycleId}.", $"No review cycle {cycleId}."));
        }

        if (_cycles.Count >= MaxCached)
        {
            _cycles.Clear();
        }

        var info = new CycleInfo(input);
        _cycles[cycleId] = info;
        return (info, null);
    }

    /// <summary>The unit's orchestration in the cycle, or null when the cycle has not reached the unit yet.</summary>
    public async Task<UnitStep?> StepAsync(string cycleId, string unitId, CancellationToken cancellation)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(CycleInstanceIds.Unit(cycleId, unitId), cancellation: cancellation);
        if (metadata is null)
        {
            return null;
        }

        JsonElement? status = metadata.SerializedCustomStatus is { Length: > 0 } json ? JsonDocument.Parse(json).RootElement.Clone() : null;
        return new UnitStep(metadata.RuntimeStatus, status);
    }

    /// <summary>
    /// Polls the unit's status until <paramref name="reached"/> holds or the wait runs out, so a client that was
    /// told "done" reads its own change. Returns whether it was seen.
    /// </summary>
    public async Task<bool> WaitForAsync(string cycleId, string unitId, Func<UnitStep, bool> reached, TimeSpan wait, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(reached);
        DateTime until = DateTime.UtcNow + wait;
        int delay = 25;
        while (true)
        {
            UnitStep? step = await StepAsync(cycleId, unitId, cancellation);
            if (step is not null && reached(step))
            {
                return true;
            }

            if (DateTime.UtcNow >= until)
            {
                return false;
            }

            await Task.Delay(delay, cancellation);
            delay = Math.Min(delay * 2, 250);
        }
    }

    /// <summary>The problem for a unit whose step cannot take this request: not reached yet (409) or over (409 step closed).</summary>
    public static IResult NotOpen(HttpContext context, UnitStep? step, string field, string whatVi, string whatEn)
        => NotOpen(step, field, whatVi, whatEn).ToProblem(context);

    public static StepRefusal NotOpen(UnitStep? step, string field, string whatVi, string whatEn)
        => step is null || (step.Running && step.Stage is null)
            ? StepRefusal.Of(ReviewProblems.StepNotOpen, field, $"{whatVi}: đợt kiểm điểm chưa đến bước này.", $"{whatEn}: the cycle has not reached this step yet.")
            : StepRefusal.Of(ProblemKind.StepClosed, field, $"{whatVi}: bước này đã đóng.", $"{whatEn}: this step is closed.");
}
