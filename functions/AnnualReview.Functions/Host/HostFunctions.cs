using System.Globalization;

namespace AnnualReview.Functions.Host;

/// <summary>
/// The functions declared in <c>FunctionApp/&lt;Name&gt;/function.json</c>. The host invokes a non-HTTP function
/// with <c>POST /&lt;Name&gt;</c>, so these names are the only routes the custom handler adds; none of them
/// starts with <c>api</c> or <c>runtime</c>, so they cannot clash with forwarded HTTP routes.
/// </summary>
public static class HostFunctions
{
    /// <summary>The HTTP function: every request is forwarded to the app as-is.</summary>
    public const string Http = "Http";

    public const string ControlQueuePrefix = "ControlQueue";

    /// <summary>
    /// How many <c>ControlQueueNN</c> folders exist. It must equal <c>DurableTaskOptions.PartitionCount</c>:
    /// a control queue without a trigger is never drained under the host.
    /// </summary>
    public const int ControlQueueCount = 4;

    public const string WorkItems = "WorkItems";

    /// <summary>The timer: moves due timers, recovers lost starts and runs the periodic work.</summary>
    public const string Housekeeping = "Housekeeping";

    /// <summary>Binding name of every queue trigger, the key of the message in the invocation's <c>Data</c>.</summary>
    public const string QueueBinding = "message";

    public const string TimerBinding = "timer";

    public static string ControlQueue(int partition) => ControlQueuePrefix + partition.ToString("D2", CultureInfo.InvariantCulture);
}
