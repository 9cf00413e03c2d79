using AnnualReview.TaskHub.History;

namespace AnnualReview.TaskHub.Sealing;

/// <summary>An instance's events as stored in the task hub's History table, their seals, and what checking them found.</summary>
public sealed record VerifiedHistory(string InstanceId, IReadOnlyList<HistoryRecord> Events, IReadOnlyDictionary<long, string> Seals, HistoryVerification Verification)
{
    public string? SealOf(long seq) => Seals.TryGetValue(seq, out string? seal) ? seal : null;
}

/// <summary>Recomputes an instance's chain from the History table and names the first event that differs from its seal.</summary>
public sealed class HistoryVerifier(TaskHubStorage storage)
{
    private readonly HistoryReader _reader = new(storage);
    private readonly SealLog _log = new(storage);

    /// <summary>The instance's events, the seal of each (when sealed), and the verification.</summary>
    public async Task<VerifiedHistory> ReadAndVerifyAsync(string instanceId, CancellationToken cancellation)
    {
        List<HistoryRecord> events = await _reader.ReadAsync(instanceId, 0, cancellation);
        List<SealLine> seals = await _log.ReadAsync(instanceId, cancellation);
        string? execution = events.Count > 0 ? events[0].ExecutionId : null;
        var sealBySeq = seals.Where(s => s.ExecutionId == execution).ToDictionary(s => s.Seq, s => s.Hash);
        return new VerifiedHistory(instanceId, events, sealBySeq, Verify(instanceId, events, seals));
    }

    public static HistoryVerification Verify(string instanceId, IReadOnlyList<HistoryRecord> events, IReadOnlyList<SealLine> seals)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(seals);
        string? execution = events.Count > 0 ? events[0].ExecutionId : (seals.Count > 0 ? seals[^1].ExecutionId : null);
        var sealedAt = seals.Where(s => s.ExecutionId == execution).ToDictionary(s => s.Seq);
        string head = SealChain.Genesis;
        int matched = 0;
        for (int i = 0; i < events.Count; i++)
        {
            HistoryRecord record = events[i];
            if (record.Seq != i)
            {
                return Broken(instanceId, events, sealedAt, i, $"event #{i}", null, null, $"Sự kiện #{i} không còn trong bảng lịch sử. / Event #{i} is missing from the History table.");
            }

            head = SealChain.Next(head, record);
            if (!sealedAt.TryGetValue(record.Seq, out SealLine? seal))
            {
                continue;
            }

            if (seal.Hash != head)
            {
                return Broken(instanceId, events, sealedAt, record.Seq, record.Describe(), seal.Hash, head,
                    $"Sự kiện #{record.Seq} ({record.Describe()}) khác với lúc niêm phong. / Event #{record.Seq} ({record.Describe()}) differs from its seal.");
            }

            matched++;
        }

        int missing = sealedAt.Keys.Count(seq => seq >= events.Count);
        if (missing > 0)
        {
            long first = sealedAt.Keys.Where(seq => seq >= events.Count).Min();
            return Broken(instanceId, events, sealedAt, first, $"event #{first}", sealedAt[first].Hash, null,
                $"{missing} sự kiện đã niêm phong không còn trong bảng lịch sử, từ #{first}. / {missing} sealed events are gone from the History table, from #{first} on.");
        }

        return new HistoryVerification
        {
            InstanceId = instanceId,
            IsIntact = true,
            EventCount = events.Count,
            SealedCount = matched,
            UnsealedCount = events.Count - matched,
            Head = matched > 0 ? sealedAt[matched - 1].Hash : null,
            LastSealedAt = sealedAt.Count > 0 ? sealedAt.Values.Max(s => s.SealedAt) : null,
        };
    }

    private static HistoryVerification Broken(string instanceId, IReadOnlyList<HistoryRecord> events, Dictionary<long, SealLine> seals, long seq, string description, string? sealedHash, string? computed, string reason) => new()
    {
        InstanceId = instanceId,
        IsIntact = false,
        EventCount = events.Count,
        SealedCount = seals.Count,
        FirstBrokenSeq = seq,
        FirstBrokenEvent = description,
        SealedHash = sealedHash,
        ComputedHash = computed,
        Reason = reason,
    };
}
