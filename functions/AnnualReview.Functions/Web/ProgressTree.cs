using System.Text.Json;
using AnnualReview.Assessment.Model;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;
using Microsoft.DurableTask.Client;

namespace AnnualReview.Functions.Web;

/// <summary>Counts of one unit's subtree: members by stage and by level, late members, escalations.</summary>
public sealed record SubtreeCounts(int Members, IReadOnlyDictionary<MemberStage, int> ByStage, IReadOnlyDictionary<RatingLevel, int> ByLevel, int Late, int Escalations)
{
    public int Stage(MemberStage stage) => ByStage.GetValueOrDefault(stage);
}

/// <summary>
/// The cycle's progress rows as the party tree. Cells count their members until their grassroots organization has
/// decided; from then the organization's row holds the final levels of the same members, so it is used instead.
/// </summary>
public sealed class ProgressTree
{
    private readonly Dictionary<string, ProgressRow> _rows;
    private readonly ILookup<string, ProgressRow> _children;

    public ProgressTree(IEnumerable<ProgressRow> rows)
    {
        _rows = rows.ToDictionary(r => r.UnitId, StringComparer.Ordinal);
        _children = _rows.Values.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!, StringComparer.Ordinal);
    }

    /// <summary>
    /// The cycle's rows, with the units above them that have not written a row yet (committees write theirs at
    /// the end) filled in from the roster, so the tree always reaches the root.
    /// </summary>
    public static async Task<ProgressTree> LoadAsync(ReadModelStore reads, RosterStore roster, string cycleId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(roster);
        var rows = (await reads.ReadProgressAsync(cycleId, cancellation)).ToDictionary(r => r.UnitId, StringComparer.Ordinal);
        var missing = new Queue<string>(rows.Values.Where(r => r.ParentId is not null && !rows.ContainsKey(r.ParentId)).Select(r => r.ParentId!).Distinct(StringComparer.Ordinal));
        while (missing.Count > 0)
        {
            string id = missing.Dequeue();
            if (rows.ContainsKey(id) || await roster.GetUnitAsync(id, cancellation) is not { } unit)
            {
                continue;
            }

            rows[id] = new ProgressRow(cycleId, unit.Id, unit.Name, unit.Kind, unit.ParentId, "");
            if (unit.ParentId is { } parent && !rows.ContainsKey(parent))
            {
                missing.Enqueue(parent);
            }
        }

        return new ProgressTree(rows.Values);
    }

    /// <summary>
    /// The rows as <see cref="LoadAsync"/> reads them, with every running cell's counts taken from its
    /// orchestration's status, which changes with each submission, refusal and proposal, while its row is
    /// written at stage changes only: a board reading "0 submitted" after nineteen submissions is reading a row.
    /// </summary>
    public static async Task<ProgressTree> LoadLiveAsync(ReadModelStore reads, RosterStore roster, DurableTaskClient client, string cycleId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        ProgressTree tree = await LoadAsync(reads, roster, cycleId, cancellation);
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = cycleId + "~",
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended],
            FetchInputsAndOutputs = true,
            PageSize = 500,
        };
        await foreach (OrchestrationMetadata instance in client.GetAllInstancesAsync(query).WithCancellation(cancellation))
        {
            string unitId = instance.InstanceId[(cycleId.Length + 1)..];
            if (tree._rows.GetValueOrDefault(unitId) is { Kind: UnitKind.Cell } row && Live(row, instance.SerializedCustomStatus) is { } live)
            {
                tree._rows[unitId] = live;
            }
        }

        return new ProgressTree(tree._rows.Values);
    }

    /// <summary>A cell's row with the counts its running orchestration reports, or null when it reports none.</summary>
    internal static ProgressRow? Live(ProgressRow row, string? customStatus)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (customStatus is not { Length: > 0 })
        {
            return null;
        }

        using JsonDocument document = JsonDocument.Parse(customStatus);
        JsonElement status = document.RootElement;
        if (status.ValueKind != JsonValueKind.Object || !status.TryGetProperty("members", out JsonElement members) || members.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        int Count(string name) => status.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;
        int submitted = Count("submitted"), proposed = Count("proposed"), notSubmitted = Count("notSubmitted"), notRated = Count("notRated");
        var levels = new Dictionary<RatingLevel, int>();
        if (status.TryGetProperty("levels", out JsonElement byLevel) && byLevel.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty level in byLevel.EnumerateObject())
            {
                if (Enum.TryParse(level.Name, out RatingLevel parsed) && level.Value.ValueKind == JsonValueKind.Number)
                {
                    levels[parsed] = level.Value.GetInt32();
                }
            }
        }

        return row with
        {
            Stage = status.TryGetProperty("stage", out JsonElement stage) && stage.ValueKind == JsonValueKind.String ? stage.GetString()! : row.Stage,
            Members = members.GetInt32(),
            ByStage = new Dictionary<MemberStage, int>
            {
                [MemberStage.NotStarted] = Math.Max(0, members.GetInt32() - submitted - notSubmitted - notRated),
                [MemberStage.Submitted] = Math.Max(0, submitted - proposed),
                [MemberStage.Proposed] = proposed,
                [MemberStage.NotSubmitted] = notSubmitted,
                [MemberStage.NotRated] = notRated,
            },
            ByLevel = levels,
        };
    }

    public ProgressRow? Row(string unitId) => _rows.GetValueOrDefault(unitId);

    public IEnumerable<ProgressRow> Children(string unitId) => _children[unitId].OrderBy(r => r.UnitName, StringComparer.CurrentCulture);

    public bool Contains(string ancestorId, string unitId)
    {
        for (string? at = unitId; at is not null; at = _rows.GetValueOrDefault(at)?.ParentId)
        {
            if (at == ancestorId)
            {
                return true;
            }
        }

        return false;
    }

    public SubtreeCounts Counts(string unitId)
    {
        ProgressRow? row = Row(unitId);
        if (row is not null && (row.Kind == UnitKind.Cell || (row.Kind == UnitKind.GrassrootsOrganization && row.Stage is "decided" or "closed")))
        {
            int escalations = row.Escalations + (row.Kind == UnitKind.Cell ? 0 : _children[unitId].Sum(c => c.Escalations));
            return new SubtreeCounts(row.Members, row.ByStage, row.ByLevel, row.LateCount, escalations);
        }

        var parts = Children(unitId).Select(c => Counts(c.UnitId)).ToList();
        return new SubtreeCounts(
            parts.Sum(p => p.Members),
            Enum.GetValues<MemberStage>().ToDictionary(s => s, s => parts.Sum(p => p.Stage(s))),
            Enum.GetValues<RatingLevel>().ToDictionary(l => l, l => parts.Sum(p => p.ByLevel.GetValueOrDefault(l))),
            parts.Sum(p => p.Late),
            parts.Sum(p => p.Escalations) + (row?.Escalations ?? 0));
    }
}
