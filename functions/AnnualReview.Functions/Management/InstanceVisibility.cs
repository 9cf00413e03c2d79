using System.Text.Json;
using Microsoft.DurableTask.Client;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Management;

/// <summary>
/// Which instances a caller may read through the management API. The key and Admins read every one. An Auditor
/// reads the instances of their own part of the tree: a cycle whose root lies in it, the review of a committee,
/// grassroots organization or cell in it, the re-rating of a member whose cell is in it. An instance whose input
/// names no unit (one started by hand under another orchestrator's name) is for operators only, since nothing
/// says whose it is.
/// </summary>
public sealed class InstanceVisibility(UnitScope scope, RosterStore roster)
{
    public async Task<bool> SeesAsync(HttpContext context, OrchestrationMetadata instance, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instance);
        if (ManagementAccess.KeyUsedBy(context) is not null)
        {
            return true;
        }

        Caller caller = Caller.From(context.User);
        if (caller.Is(AppRoles.Admin))
        {
            return true;
        }

        return await UnitOfAsync(instance, cancellation) is { } unitId && await scope.CoversAsync(caller, unitId, cancellation);
    }

    /// <summary>The unit an instance is about, from its input (which the engine keeps as it was started), or null.</summary>
    private async Task<string?> UnitOfAsync(OrchestrationMetadata instance, CancellationToken cancellation)
    {
        if (instance.Name is not { Length: > 0 })
        {
            // DTFx can leave an instance's row without its name and input: a worker killed after writing the first
            // step's history but before the row takes the started event as a duplicate when it comes back, and
            // only merges the status into a new row. The id of a unit's review still names the unit.
            return CycleInstanceIds.UnitOf(instance.InstanceId);
        }

        try
        {
            switch (WorkflowNames.OrchestratorOf(instance.Name))
            {
                case WorkflowNames.Cycle:
                    return instance.ReadInputAs<CycleInput>()?.RootUnitId;
                case WorkflowNames.Committee or WorkflowNames.Grassroots or WorkflowNames.Cell:
                    return instance.ReadInputAs<UnitInput>()?.UnitId;
                case WorkflowNames.ReRating:
                    return instance.ReadInputAs<ReRatingInput>()?.MemberId is { Length: > 0 } memberId
                        ? (await roster.GetMemberAsync(memberId, cancellation))?.CellId
                        : null;
                default:
                    return null;
            }
        }
        catch (JsonException)
        {
            // An input that is not the orchestrator's shape names no unit.
            return null;
        }
    }
}
