using AnnualReview.Durable.Client;
using AnnualReview.Durable.Storage;
using AnnualReview.Durable.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnualReview.Durable.Hosting;

/// <summary>One task hub's client and worker over the same storage clients.</summary>
public sealed class DurableTaskEngine : IAsyncDisposable
{
    public DurableTaskEngine(DurableTaskOptions options, DurableTaskRegistry registry, IServiceProvider? services = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        Options = options;
        var storage = new TaskHubStorage(options);
        var sender = new MessageSender(storage, options.TimeProvider);
        Client = new DurableTaskClient(storage, sender);
        Worker = new DurableTaskWorker(storage, sender, registry, services ?? EmptyServices.Instance, loggers ?? NullLoggerFactory.Instance);
    }

    public DurableTaskOptions Options { get; }

    public DurableTaskClient Client { get; }

    public DurableTaskWorker Worker { get; }

    public async ValueTask DisposeAsync() => await Worker.DisposeAsync();

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
