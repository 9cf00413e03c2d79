namespace AnnualReview.Functions.Host;

/// <summary>
/// The functions declared in <c>FunctionApp/&lt;Name&gt;/function.json</c>. The host invokes the timer with
/// <c>POST /Housekeeping</c>; the name does not start with <c>api</c> or <c>runtime</c>, so it cannot clash with
/// forwarded HTTP routes.
/// </summary>
public static class HostFunctions
{
    /// <summary>The HTTP function: every request is forwarded to the app as-is.</summary>
    public const string Http = "Http";

    /// <summary>The timer: runs the periodic work.</summary>
    public const string Housekeeping = "Housekeeping";

    public const string TimerBinding = "timer";
}
