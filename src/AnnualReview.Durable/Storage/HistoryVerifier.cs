using AnnualReview.Durable.Client;

namespace AnnualReview.Durable.Storage;

/// <summary>Recomputes an instance's hash chain and names the first row that does not match.</summary>
internal static class HistoryVerifier
{
    public static HistoryVerification Verify(string instanceId, IReadOnlyList<HistoryRow> rows, InstanceState state)
    {
        string previous = HashChain.Genesis;
        long expectedSeq = 0;
        int events = 0;
        foreach (HistoryRow row in rows)
        {
            string computed = HashChain.Compute(previous, instanceId, row.Seq, row.ExecutionId, row.EventsJson);
            string? reason = row.Seq != expectedSeq ? $"row {expectedSeq} is missing"
                : row.PrevHash != previous ? "its link to the previous row does not match"
                : row.Hash != computed ? "its content does not match its hash"
                : null;
            if (reason is not null)
            {
                return new HistoryVerification
                {
                    InstanceId = instanceId,
                    IsIntact = false,
                    RowCount = rows.Count,
                    EventCount = rows.Sum(r => r.Events.Count),
                    FirstBrokenSeq = Math.Min(row.Seq, expectedSeq),
                    StoredHash = row.Hash,
                    ComputedHash = computed,
                    Reason = $"Row {row.Seq}: {reason}.",
                };
            }

            previous = row.Hash;
            expectedSeq++;
            events += row.Events.Count;
        }

        if (expectedSeq != state.NextSeq || previous != state.LastHash)
        {
            return new HistoryVerification
            {
                InstanceId = instanceId,
                IsIntact = false,
                RowCount = rows.Count,
                EventCount = events,
                FirstBrokenSeq = expectedSeq,
                StoredHash = state.LastHash,
                ComputedHash = previous,
                Reason = $"The instance records {state.NextSeq} rows ending in {state.LastHash[..12]}…, but {expectedSeq} rows were found ending in {previous[..12]}….",
            };
        }

        return new HistoryVerification
        {
            InstanceId = instanceId,
            IsIntact = true,
            RowCount = rows.Count,
            EventCount = events,
            LastHash = previous,
        };
    }
}
