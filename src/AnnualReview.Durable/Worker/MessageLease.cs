using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace AnnualReview.Durable.Worker;

/// <summary>
/// Keeps a queue message invisible while a long activity runs, by extending its visibility every third of the timeout.
/// Without it an activity that outlives the timeout (a grassroots organization of hundreds of members
/// finalized in one go) is delivered again and runs a second time in parallel. Storage times are real
/// time, so the lease runs on the real clock even when the engine's clock is scaled.
/// </summary>
internal sealed class MessageLease : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly string _messageId;
    private readonly TimeSpan _visibility;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;
    private volatile string _popReceipt;

    public MessageLease(QueueClient queue, QueueMessage message, TimeSpan visibility, ILogger logger)
    {
        _queue = queue;
        _messageId = message.MessageId;
        _popReceipt = message.PopReceipt;
        _visibility = visibility;
        _logger = logger;
        _renewing = RenewAsync(_stop.Token);
    }

    /// <summary>The receipt of the latest renewal, needed to delete the message.</summary>
    public string PopReceipt => _popReceipt;

    private async Task RenewAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                // A third, not a half: on a busy machine a renewal can itself take seconds.
                await Task.Delay(_visibility / 3, TimeProvider.System, stop);
                UpdateReceipt receipt = (await _queue.UpdateMessageAsync(_messageId, _popReceipt, visibilityTimeout: _visibility, cancellationToken: stop)).Value;
                _popReceipt = receipt.PopReceipt;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException error)
            {
                // Lost the message (receipt expired): another worker may run it too; results are applied once.
                _logger.LogWarning(error, "Could not extend message {MessageId}; it may be delivered again.", _messageId);
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
    }
}
