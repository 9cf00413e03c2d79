using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnnualReview.FunctionApp.Background;

/// <summary>
/// Instances stepped in this process, to be sealed. An orchestrator function only remembers its instance here
/// (orchestrator code does no I/O); this service sends one message per instance to the sealing queue, delayed
/// by <see cref="Delay"/> so the host has committed the step when <see cref="SealingFunctions"/> reads it, and
/// sends nothing while nothing runs. An instance already waiting for its message is not sent again.
/// </summary>
public sealed partial class SealingRequests(WorkQueues queues, TimeProvider clock, ILogger<SealingRequests> logger) : BackgroundService
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);

    private readonly Channel<string> _requested = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pendingUntil = new(StringComparer.Ordinal);

    public void Request(string instanceId) => _requested.Writer.TryWrite(instanceId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (string instanceId in _requested.Reader.ReadAllAsync(stoppingToken))
        {
            DateTimeOffset now = clock.GetUtcNow();
            if (_pendingUntil.TryGetValue(instanceId, out DateTimeOffset until) && until > now)
            {
                continue;
            }

            try
            {
                await queues.SendSealingAsync(instanceId, Delay, stoppingToken);
                _pendingUntil[instanceId] = now + Delay;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The catch-up timer finds the instance in the Instances table.
                LogSendFailed(logger, e, instanceId);
            }

            if (_pendingUntil.Count > 10_000)
            {
                foreach (KeyValuePair<string, DateTimeOffset> entry in _pendingUntil.Where(p => p.Value <= now))
                {
                    _pendingUntil.TryRemove(entry.Key, out _);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask for instance {InstanceId} to be sealed; the catch-up pass will.")]
    private static partial void LogSendFailed(ILogger logger, Exception error, string instanceId);
}
