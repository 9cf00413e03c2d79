using System.Globalization;
using Azure;
using Azure.Data.Tables;
using AnnualReview.Assessment.Model;

namespace AnnualReview.Workflows.Storage;

/// <summary>The roster in Azure Tables: units by parent and by id, members by cell and by id.</summary>
public sealed class RosterStore(AssessmentStorage storage)
{
    public const string RootParent = "^";

    /// <summary>Writes units and members (upserts, in batches per partition). Validation happens before, in the domain.</summary>
    public async Task WriteAsync(IReadOnlyCollection<Unit> units, IReadOnlyCollection<Member> members, IReadOnlyDictionary<string, string>? movedFrom, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(members);
        await AssessmentStorage.SubmitInBatchesAsync(storage.Units, units.Select(u => Upsert(UnitEntity(u, u.ParentId ?? RootParent, u.Id))), cancellation);
        await AssessmentStorage.SubmitInBatchesAsync(storage.UnitIndex, units.Select(u => Upsert(UnitEntity(u, u.Id, ""))), cancellation);
        await AssessmentStorage.SubmitInBatchesAsync(storage.Members, members.Select(m => Upsert(MemberEntity(m))), cancellation);
        await AssessmentStorage.SubmitInBatchesAsync(storage.MemberIndex, members.Select(m => Upsert(new TableEntity(MemberBucket(m.Id), m.Id) { ["CellId"] = m.CellId })), cancellation);
        if (movedFrom is not null)
        {
            // A member who moved cells leaves the old cell's partition; the member index already points to the new one.
            await Task.WhenAll(movedFrom.Select(moved => storage.Members.For(moved.Value).DeleteEntityAsync(moved.Value, moved.Key, ETag.All, cancellation)));
        }
    }

    /// <summary>
    /// One of 256 partitions of the member index, from a stable hash (FNV-1a) of the member id. With one partition
    /// per member, importing 100,000 members took 100,000 transactions; with buckets it takes about 1,000, and a
    /// lookup is still one point read.
    /// </summary>
    public static string MemberBucket(string memberId)
        => "m" + (StableHash.Of(memberId) % 256).ToString("x2", CultureInfo.InvariantCulture);

    public async Task<Unit?> GetUnitAsync(string unitId, CancellationToken cancellation)
    {
        NullableResponse<TableEntity> row = await storage.UnitIndex.GetEntityIfExistsAsync<TableEntity>(unitId, "", cancellationToken: cancellation);
        return row.HasValue ? ToUnit(row.Value!) : null;
    }

    public async Task<List<Unit>> GetChildrenAsync(string unitId, CancellationToken cancellation)
    {
        var children = new List<Unit>();
        await foreach (TableEntity row in storage.Units.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {unitId}"), cancellationToken: cancellation))
        {
            children.Add(ToUnit(row));
        }

        return children;
    }

    /// <summary>The unit's ancestors, nearest first, up to the root.</summary>
    public async Task<List<Unit>> GetAncestorsAsync(Unit unit, CancellationToken cancellation)
    {
        var chain = new List<Unit>();
        string? parent = unit.ParentId;
        while (parent is not null && chain.Count < 16)
        {
            Unit? next = await GetUnitAsync(parent, cancellation);
            if (next is null)
            {
                break;
            }

            chain.Add(next);
            parent = next.ParentId;
        }

        return chain;
    }

    public async Task<List<Member>> GetCellMembersAsync(string cellId, CancellationToken cancellation)
    {
        var members = new List<Member>();
        await foreach (TableEntity row in storage.Members.For(cellId).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {cellId}"), cancellationToken: cancellation))
        {
            members.Add(ToMember(row));
        }

        return members;
    }

    public async Task<Member?> GetMemberAsync(string memberId, CancellationToken cancellation)
    {
        string bucket = MemberBucket(memberId);
        NullableResponse<TableEntity> index = await storage.MemberIndex.For(bucket).GetEntityIfExistsAsync<TableEntity>(bucket, memberId, cancellationToken: cancellation);
        if (!index.HasValue)
        {
            return null;
        }

        string cellId = index.Value!.GetString("CellId") ?? "";
        NullableResponse<TableEntity> row = await storage.Members.For(cellId).GetEntityIfExistsAsync<TableEntity>(cellId, memberId, cancellationToken: cancellation);
        return row.HasValue ? ToMember(row.Value!) : null;
    }

    /// <summary>The whole roster (for re-import comparison and reports); a full scan, never on a workflow's hot path.</summary>
    public async Task<(List<Unit> Units, List<Member> Members)> ReadAllAsync(CancellationToken cancellation)
    {
        var units = new List<Unit>();
        await foreach (TableEntity row in storage.UnitIndex.QueryAsync<TableEntity>(cancellationToken: cancellation))
        {
            units.Add(ToUnit(row));
        }

        var members = new List<Member>();
        foreach (TableClient shard in storage.Members.Shards)
        {
            await foreach (TableEntity row in shard.QueryAsync<TableEntity>(cancellationToken: cancellation))
            {
                members.Add(ToMember(row));
            }
        }

        return (units, members);
    }

    private static TableTransactionAction Upsert(TableEntity entity) => new(TableTransactionActionType.UpsertReplace, entity);

    private static TableEntity UnitEntity(Unit unit, string partition, string row) => new(partition, row)
    {
        ["Id"] = unit.Id,
        ["Name"] = unit.Name,
        ["Kind"] = unit.Kind.ToString(),
        ["ParentId"] = unit.ParentId,
        ["Email"] = unit.Email,
    };

    private static Unit ToUnit(TableEntity row) => new(
        row.GetString("Id") ?? row.RowKey,
        row.GetString("Name") ?? "",
        Enum.Parse<UnitKind>(row.GetString("Kind") ?? nameof(UnitKind.Cell)),
        row.GetString("ParentId"))
    {
        Email = row.GetString("Email"),
    };

    private static TableEntity MemberEntity(Member m) => new(m.CellId, m.Id)
    {
        ["FullName"] = m.FullName,
        ["Membership"] = m.Membership.ToString(),
        ["AdmittedOn"] = m.AdmittedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Standing"] = m.Standing.ToString(),
        ["Leave"] = m.Leave.ToString(),
        ["LeaveMonths"] = m.LeaveMonths,
        ["LeadershipPost"] = m.LeadershipPost,
        ["OutsidePoliticalSystem"] = m.OutsidePoliticalSystem,
        ["Email"] = m.Email,
        ["Phone"] = m.Phone,
    };

    private static Member ToMember(TableEntity row) => new(
        row.RowKey,
        row.GetString("FullName") ?? "",
        row.PartitionKey,
        Enum.Parse<MembershipKind>(row.GetString("Membership") ?? nameof(MembershipKind.Full)),
        DateOnly.ParseExact(row.GetString("AdmittedOn") ?? "2000-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture))
    {
        Standing = Enum.Parse<MemberStanding>(row.GetString("Standing") ?? nameof(MemberStanding.Active)),
        Leave = Enum.Parse<LeaveKind>(row.GetString("Leave") ?? nameof(LeaveKind.None)),
        LeaveMonths = row.GetInt32("LeaveMonths") ?? 0,
        LeadershipPost = row.GetString("LeadershipPost"),
        OutsidePoliticalSystem = row.GetBoolean("OutsidePoliticalSystem") ?? false,
        Email = row.GetString("Email"),
        Phone = row.GetString("Phone"),
    };
}
