using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AnnualReview.TaskHub;

/// <summary>
/// How the task hub is set up and how hard the worker works, read from the same place and under the same names
/// Durable Functions reads them: <c>extensions.durableTask</c> in host.json, which the Functions host exposes as the
/// configuration section <c>AzureFunctionsJobHost:extensions:durableTask</c> (and which the standalone host loads
/// from the same file). <c>maximumTimerInterval</c> has no Durable Functions name; it is ours.
/// </summary>
public sealed record TaskHubSettings
{
    public const string Section = "AzureFunctionsJobHost:extensions:durableTask";

    /// <summary>Task hub names are 3–45 letters and digits starting with a letter (Durable Functions' rule).</summary>
    public string HubName { get; init; } = "annualreview";

    public int PartitionCount { get; init; } = 4;

    public int MaxConcurrentActivityFunctions { get; init; } = 10 * Environment.ProcessorCount;

    public int MaxConcurrentOrchestratorFunctions { get; init; } = 10 * Environment.ProcessorCount;

    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(30);

    public int ControlQueueBatchSize { get; init; } = 32;

    public int ControlQueueBufferThreshold { get; init; } = 256;

    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan WorkItemQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public bool ExtendedSessionsEnabled { get; init; }

    public TimeSpan ExtendedSessionIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public bool UseTablePartitionManagement { get; init; } = true;

    /// <summary>On stop, let running work finish and release the partitions first; off by default, as in Durable Functions.</summary>
    public bool UseGracefulShutdown { get; init; }

    /// <summary>A longer durable timer is set as pieces of at most this length (an Azure Storage queue message hides for at most 7 days).</summary>
    public TimeSpan MaximumTimerInterval { get; init; } = TimeSpan.FromDays(3);

    /// <summary>
    /// Reads the settings. <c>hubName</c> may name an app setting as <c>%Name%</c>, as in host.json; the app setting
    /// <c>TaskHubName</c>, when set, wins (tests give each run its own hub with it).
    /// </summary>
    public static TaskHubSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        IConfigurationSection section = configuration.GetSection(Section);
        IConfigurationSection provider = section.GetSection("storageProvider");
        var defaults = new TaskHubSettings();
        string? hub = Resolve(configuration, section["hubName"]);
        var settings = new TaskHubSettings
        {
            HubName = configuration["TaskHubName"] is { Length: > 0 } named ? named : hub is { Length: > 0 } ? hub : defaults.HubName,
            PartitionCount = Int(provider["partitionCount"], defaults.PartitionCount),
            MaxConcurrentActivityFunctions = Int(section["maxConcurrentActivityFunctions"], defaults.MaxConcurrentActivityFunctions),
            MaxConcurrentOrchestratorFunctions = Int(section["maxConcurrentOrchestratorFunctions"], defaults.MaxConcurrentOrchestratorFunctions),
            MaxQueuePollingInterval = Time(provider["maxQueuePollingInterval"], defaults.MaxQueuePollingInterval),
            ControlQueueBatchSize = Int(provider["controlQueueBatchSize"], defaults.ControlQueueBatchSize),
            ControlQueueBufferThreshold = Int(provider["controlQueueBufferThreshold"], defaults.ControlQueueBufferThreshold),
            ControlQueueVisibilityTimeout = Time(provider["controlQueueVisibilityTimeout"], defaults.ControlQueueVisibilityTimeout),
            WorkItemQueueVisibilityTimeout = Time(provider["workItemQueueVisibilityTimeout"], defaults.WorkItemQueueVisibilityTimeout),
            ExtendedSessionsEnabled = bool.TryParse(section["extendedSessionsEnabled"], out bool extended) && extended,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(Int(section["extendedSessionIdleTimeoutInSeconds"], (int)defaults.ExtendedSessionIdleTimeout.TotalSeconds)),
            UseTablePartitionManagement = !bool.TryParse(provider["useTablePartitionManagement"], out bool table) || table,
            UseGracefulShutdown = bool.TryParse(section["useGracefulShutdown"], out bool graceful) && graceful,
            MaximumTimerInterval = Time(section["maximumTimerInterval"], defaults.MaximumTimerInterval),
        };
        settings.Validate();
        return settings;
    }

    public void Validate()
    {
        if (HubName.Length is < 3 or > 45 || !char.IsAsciiLetter(HubName[0]) || !HubName.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"The task hub name '{HubName}' must be 3–45 letters and digits, starting with a letter.", nameof(HubName));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(PartitionCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PartitionCount, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ControlQueueBatchSize, 32);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentActivityFunctions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentOrchestratorFunctions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaximumTimerInterval, TimeSpan.FromDays(6));
    }

    private static string? Resolve(IConfiguration configuration, string? value)
        => value is { Length: > 2 } && value[0] == '%' && value[^1] == '%' ? configuration[value[1..^1]] : value;

    private static int Int(string? value, int fallback) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed) ? parsed : fallback;

    private static TimeSpan Time(string? value, TimeSpan fallback) => TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out TimeSpan parsed) ? parsed : fallback;
}
