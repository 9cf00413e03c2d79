using AnnualReview.Durable.Client;
using AnnualReview.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnnualReview.Durable.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine: its client and worker as singletons, and the worker as a hosted service (which polls
    /// the queues unless <see cref="DurableTaskOptions.PollQueues"/> is false).
    /// </summary>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, Action<IServiceProvider, DurableTaskOptions> configure, Action<DurableTaskRegistry> register)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(register);
        var registry = new DurableTaskRegistry();
        register(registry);
        services.AddSingleton(registry);
        services.AddSingleton(sp =>
        {
            var options = new DurableTaskOptions();
            configure(sp, options);
            return new DurableTaskEngine(options, registry, sp, sp.GetService<ILoggerFactory>());
        });
        services.AddSingleton(sp => sp.GetRequiredService<DurableTaskEngine>().Options);
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<DurableTaskEngine>().Client);
        services.AddSingleton<DurableTaskWorker>(sp => sp.GetRequiredService<DurableTaskEngine>().Worker);
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DurableTaskWorker>());
        return services;
    }
}
