namespace AnnualReview.Durable.Worker;

/// <summary>One step at a time per instance within this worker; other workers are kept honest by ETags.</summary>
internal sealed class KeyedLock
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _gates = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellation)
    {
        SemaphoreSlim gate;
        lock (_sync)
        {
            if (!_gates.TryGetValue(key, out var entry))
            {
                entry = (new SemaphoreSlim(1, 1), 0);
            }

            gate = entry.Gate;
            _gates[key] = (gate, entry.Users + 1);
        }

        try
        {
            await gate.WaitAsync(cancellation);
        }
        catch
        {
            Release(key, gate, entered: false);
            throw;
        }

        return new Releaser(this, key, gate);
    }

    private void Release(string key, SemaphoreSlim gate, bool entered)
    {
        lock (_sync)
        {
            var entry = _gates[key];
            if (entry.Users == 1)
            {
                _gates.Remove(key);
            }
            else
            {
                _gates[key] = (gate, entry.Users - 1);
            }
        }

        if (entered)
        {
            gate.Release();
        }
    }

    private sealed class Releaser(KeyedLock owner, string key, SemaphoreSlim gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(key, gate, entered: true);
            }
        }
    }
}
