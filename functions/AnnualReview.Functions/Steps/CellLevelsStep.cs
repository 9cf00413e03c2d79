using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Functions.Steps;

/// <summary>
/// The grassroots committee sets the levels of its cells (xếp loại chi bộ trực thuộc) during the appraisal, before
/// it finalizes. The API sends them with the appraisal table, the page on their own; both check them here.
/// </summary>
public sealed class CellLevelsStep(CycleDirectory cycles, ReviewAccess access, ReviewCommands commands)
{
    /// <summary>The grassroots organization, its cells and its step, or why the caller may not act on it.</summary>
    public async Task<(CellLevelsTarget? Target, StepRefusal? Refusal)> FindAsync(Caller caller, string cycleId, string grassrootsId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        (CycleInfo? cycle, StepRefusal? refusal) = await cycles.FindAsync(cycleId, cancellation);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        (Unit? organization, refusal) = await access.UnitAsync(cycle!, grassrootsId, caller, cancellation, UnitKind.GrassrootsOrganization);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        List<Unit> cells = [.. (await access.Roster.GetChildrenAsync(grassrootsId, cancellation)).Where(u => u.Kind == UnitKind.Cell).OrderBy(u => u.Name, StringComparer.CurrentCulture)];
        return (new CellLevelsTarget(cycle!, organization!, cells, await cycles.StepAsync(cycleId, grassrootsId, cancellation)), null);
    }

    /// <summary>Reads the levels by cell id: each must be a cell of this organization and a level by its name.</summary>
    public static Dictionary<string, RatingLevel> Read(IEnumerable<KeyValuePair<string, string?>>? levels, IReadOnlyList<Unit> cells, List<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(errors);
        var read = new Dictionary<string, RatingLevel>(StringComparer.Ordinal);
        foreach (var (cellId, text) in levels ?? [])
        {
            if (!cells.Any(c => c.Id == cellId))
            {
                errors.Add(new ValidationError("NotACell", $"cellLevels.{cellId}", $"{cellId} không phải chi bộ trực thuộc.", $"{cellId} is not a cell of this organization."));
                continue;
            }

            read[cellId] = SelfReviewUpload.ReadLevel(text, $"cellLevels.{cellId}", errors);
        }

        return read;
    }

    /// <summary>Sends the cells' levels without touching the members' decisions; refused once the appraisal is final or closed.</summary>
    public async Task<(IReadOnlyDictionary<string, RatingLevel>? Set, StepRefusal? Refusal)> SetAsync(
        Caller caller, string cycleId, string grassrootsId, IReadOnlyDictionary<string, string?> levels, CommandRequest? request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(levels);
        (CellLevelsTarget? target, StepRefusal? refusal) = await FindAsync(caller, cycleId, grassrootsId, cancellation);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        if (!target!.Open)
        {
            return (null, CycleDirectory.NotOpen(target.Step, "grassrootsId", "Xếp loại chi bộ", "Rating cells"));
        }

        var errors = new List<ValidationError>();
        Dictionary<string, RatingLevel> read = Read(levels, target.Cells, errors);
        if (read.Count == 0 && errors.Count == 0)
        {
            errors.Add(MeetingRequest.Required("cellLevels", "Mức xếp loại các chi bộ", "The cells' levels"));
        }

        if (errors.Count > 0)
        {
            return (null, StepRefusal.Invalid(errors));
        }

        await commands.SubmitAppraisalAsync(cycleId, grassrootsId, new AppraisalSubmitted([], read, caller.Actor, Finalize: false), request, cancellation);
        return (read, null);
    }
}

/// <summary>A grassroots organization in a cycle, with its cells and where its appraisal stands.</summary>
public sealed record CellLevelsTarget(CycleInfo Cycle, Unit Organization, IReadOnlyList<Unit> Cells, UnitStep? Step)
{
    public bool Open => Step is { Running: true, Stage: "appraisal" } step && !step.Flag("finalized");
}
