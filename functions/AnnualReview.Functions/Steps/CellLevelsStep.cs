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

    /// <summary>The longest conclusion on a cell, as for a member's decision reason.</summary>
    public const int MaxConclusionLength = 2_000;

    /// <summary>
    /// Reads the committee's conclusions by cell id: each for a cell of this organization whose level is set in the
    /// same request (the conclusion is kept with the level), at most <see cref="MaxConclusionLength"/> characters.
    /// An empty text takes an earlier conclusion back.
    /// </summary>
    public static Dictionary<string, string> ReadConclusions(
        IEnumerable<KeyValuePair<string, string?>>? conclusions, IReadOnlyList<Unit> cells, IReadOnlyDictionary<string, RatingLevel> levels, List<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(errors);
        var read = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (cellId, text) in conclusions ?? [])
        {
            string field = $"cellConclusions.{cellId}";
            string conclusion = text?.Trim() ?? "";
            if (!cells.Any(c => c.Id == cellId))
            {
                errors.Add(new ValidationError("NotACell", field, $"{cellId} không phải chi bộ trực thuộc.", $"{cellId} is not a cell of this organization."));
            }
            else if (conclusion.Length > MaxConclusionLength || conclusion.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            {
                errors.Add(new ValidationError("ConclusionTooLong", field,
                    $"Kết luận về chi bộ tối đa {MaxConclusionLength} ký tự, không có ký tự điều khiển.", $"A conclusion on a cell is at most {MaxConclusionLength} characters, without control characters."));
            }
            else if (conclusion.Length > 0 && !levels.ContainsKey(cellId))
            {
                errors.Add(new ValidationError("ConclusionWithoutLevel", field,
                    "Kết luận được lưu cùng mức xếp loại: hãy chọn mức cho chi bộ này.", "A conclusion is kept with the level: choose this cell's level too."));
            }
            else
            {
                read[cellId] = conclusion;
            }
        }

        return read;
    }

    /// <summary>Sends the cells' levels without touching the members' decisions; refused once the appraisal is final or closed.</summary>
    public async Task<(IReadOnlyDictionary<string, RatingLevel>? Set, StepRefusal? Refusal)> SetAsync(
        Caller caller, string cycleId, string grassrootsId, IReadOnlyDictionary<string, string?> levels, IReadOnlyDictionary<string, string?>? conclusions,
        CommandRequest? request, CancellationToken cancellation)
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
        Dictionary<string, string> concluded = ReadConclusions(conclusions, target.Cells, read, errors);
        if (read.Count == 0 && errors.Count == 0)
        {
            errors.Add(MeetingRequest.Required("cellLevels", "Mức xếp loại các chi bộ", "The cells' levels"));
        }

        if (errors.Count > 0)
        {
            return (null, StepRefusal.Invalid(errors));
        }

        await commands.SubmitAppraisalAsync(cycleId, grassrootsId, new AppraisalSubmitted([], read, caller.Actor, Finalize: false) { CellConclusions = concluded }, request, cancellation);
        return (read, null);
    }
}

/// <summary>A grassroots organization in a cycle, with its cells and where its appraisal stands.</summary>
public sealed record CellLevelsTarget(CycleInfo Cycle, Unit Organization, IReadOnlyList<Unit> Cells, UnitStep? Step)
{
    public bool Open => Step is { Running: true, Stage: "appraisal" } step && !step.Flag("finalized");
}
