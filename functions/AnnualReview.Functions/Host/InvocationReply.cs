namespace AnnualReview.Functions.Host;

/// <summary>
/// The reply the host expects from a non-HTTP invocation. Outputs stay empty (the functions have no output
/// bindings); Logs are written by the host into its own invocation log. A failed invocation answers 500 so the
/// host delivers the message again and, after maxDequeueCount, moves it to the poison queue.
/// </summary>
public sealed record InvocationReply(IReadOnlyDictionary<string, object?> Outputs, IReadOnlyList<string> Logs, object? ReturnValue)
{
    /// <summary>The protocol's member names are PascalCase, unlike the app's camelCase API.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Protocol = new() { PropertyNamingPolicy = null };

    public static IResult Ok(IReadOnlyList<string> logs)
        => Results.Json(new InvocationReply(new Dictionary<string, object?>(), logs, null), Protocol, statusCode: StatusCodes.Status200OK);

    public static IResult Failed(string log)
        => Results.Json(new InvocationReply(new Dictionary<string, object?>(), [log], null), Protocol, statusCode: StatusCodes.Status500InternalServerError);
}
