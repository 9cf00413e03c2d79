using AnnualReview.TaskHub;
using AnnualReview.TaskHub.Sealing;
using AnnualReview.TaskHub.Status;

namespace AnnualReview.Functions;

/// <summary>
/// What the engine is doing: its task hub, its queues and how many messages wait in each, the messages DTFx keeps
/// putting back (and those it calls poison), and how many instances wait to be sealed.
/// </summary>
internal sealed record EngineStatus(
    string Service,
    string Engine,
    string TaskHub,
    int Partitions,
    IReadOnlyDictionary<string, int> QueueDepths,
    int PoisonMessages,
    IReadOnlyList<RetriedMessage> RetriedMessages,
    int InstancesWaitingToBeSealed)
{
    public const string EngineName = "Durable Task Framework (Microsoft.DurableTask over DurableTask.AzureStorage)";

    public static async Task<EngineStatus> ReadAsync(TaskHubStorage storage, RetriedMessages retried, HistorySealer sealer, CancellationToken cancellation)
    {
        IReadOnlyDictionary<string, int> depths = await AnnualReview.TaskHub.Status.QueueDepths.ReadAsync(storage, cancellation);
        return new EngineStatus("AnnualReview", EngineName, storage.HubName, storage.PartitionCount, depths, retried.PoisonCount, retried.Current, sealer.MarkedCount);
    }

    public static void LogOnStart(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AnnualReview");
        var settings = app.Services.GetRequiredService<TaskHubSettings>();
        logger.LogInformation("AnnualReview running on {Engine}: task hub {TaskHub}, {Partitions} control queues; status at {Urls}/",
            EngineName, settings.HubName, settings.PartitionCount, string.Join(", ", app.Urls));
    }
}
