using AnnualReview.Durable.History;
using AnnualReview.Durable.Storage;

namespace AnnualReview.Durable.Worker;

/// <summary>An instance as this worker last saw it: state, the current execution's events, and whether its outbox went out.</summary>
internal sealed class CachedInstance(InstanceState state, List<HistoryEvent> events)
{
    public InstanceState State { get; } = state;

    public List<HistoryEvent> Events { get; } = events;

    public bool OutboxSent { get; set; }
}

/// <summary>
/// Keeps recently used instances in memory so a step needs no reads: the commit's ETag check tells whether
/// another worker moved the instance meanwhile. Bounded, least recently used out first, so memory does not
/// grow with the number of instances.
/// </summary>
internal sealed class InstanceCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<CachedInstance>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<CachedInstance> _order = new();
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _map.Count;
            }
        }
    }

    public CachedInstance? TryGet(string instanceId)
    {
        lock (_gate)
        {
            if (!_map.TryGetValue(instanceId, out var node))
            {
                return null;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            return node.Value;
        }
    }

    public void Set(CachedInstance entry)
    {
        lock (_gate)
        {
            if (_map.Remove(entry.State.InstanceId, out var old))
            {
                _order.Remove(old);
            }

            if (entry.State.Status.IsTerminalStatus())
            {
                // Finished instances rarely see another message; do not let them push live ones out.
                return;
            }

            _map[entry.State.InstanceId] = _order.AddFirst(entry);
            while (_map.Count > capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _map.Remove(last.Value.State.InstanceId);
            }
        }
    }

    public void Remove(string instanceId)
    {
        lock (_gate)
        {
            if (_map.Remove(instanceId, out var node))
            {
                _order.Remove(node);
            }
        }
    }
}

internal static class StatusExtensions
{
    public static bool IsTerminalStatus(this Client.OrchestrationRuntimeStatus status) => Client.OrchestrationRuntimeStatusExtensions.IsTerminal(status);
}
