using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using AnnualReview.Functions.Problems;

namespace AnnualReview.Functions.Management;

/// <summary>Reads the management API's query parameters and bodies; every bad value becomes problem+json naming its field.</summary>
internal static class ManagementRequest
{
    public const string ContinuationHeader = "x-ms-continuation-token";

    public static bool TryBool(HttpContext context, string name, bool fallback, out bool value, out IResult? problem)
    {
        problem = null;
        value = fallback;
        string? text = context.Request.Query[name].FirstOrDefault();
        if (text is null or { Length: 0 })
        {
            return true;
        }

        if (bool.TryParse(text, out value))
        {
            return true;
        }

        problem = Invalid(context, name, $"'{name}' phải là true hoặc false.", $"'{name}' must be true or false.");
        return false;
    }

    public static bool TryTime(HttpContext context, string name, out DateTimeOffset? value, out IResult? problem)
    {
        problem = null;
        value = null;
        string? text = context.Request.Query[name].FirstOrDefault();
        if (text is null or { Length: 0 })
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset at))
        {
            value = at;
            return true;
        }

        problem = Invalid(context, name, $"'{name}' phải là thời điểm ISO 8601, ví dụ 2026-01-31T00:00:00Z.", $"'{name}' must be an ISO 8601 time, e.g. 2026-01-31T00:00:00Z.");
        return false;
    }

    /// <summary>A comma list of runtime status names (Durable Functions' names, any case).</summary>
    public static bool TryStatuses(HttpContext context, out IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses, out IResult? problem)
    {
        problem = null;
        statuses = null;
        string[] parts = [.. context.Request.Query["runtimeStatus"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        if (parts.Length == 0)
        {
            return true;
        }

        var parsed = new HashSet<OrchestrationRuntimeStatus>();
        foreach (string part in parts)
        {
            if (!Enum.TryParse(part, ignoreCase: true, out OrchestrationRuntimeStatus status) || !Enum.IsDefined(status) || int.TryParse(part, out _))
            {
                string names = string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>());
                problem = Invalid(context, "runtimeStatus", $"Trạng thái '{part}' không tồn tại; dùng: {names}.", $"Unknown status '{part}'; use: {names}.");
                return false;
            }

            parsed.Add(status);
        }

        statuses = parsed;
        return true;
    }

    public static bool TryTop(HttpContext context, out int? top, out IResult? problem)
    {
        problem = null;
        top = null;
        string? text = context.Request.Query["top"].FirstOrDefault();
        if (text is null or { Length: 0 })
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value is >= 1 and <= 1000)
        {
            top = value;
            return true;
        }

        problem = Invalid(context, "top", "'top' phải là số nguyên từ 1 đến 1000.", "'top' must be a whole number from 1 to 1000.");
        return false;
    }

    /// <summary>Storage continuation tokens may hold any instance id characters, so the header carries them base64url-encoded.</summary>
    public static bool TryContinuation(HttpContext context, out string? token, out IResult? problem)
    {
        problem = null;
        token = null;
        string? text = context.Request.Headers[ContinuationHeader].FirstOrDefault();
        if (text is null or { Length: 0 })
        {
            return true;
        }

        try
        {
            token = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            return true;
        }
        catch (FormatException)
        {
            problem = Invalid(context, ContinuationHeader, "Mã tiếp tục không hợp lệ; dùng đúng giá trị trang trước trả về.", "The continuation token is not valid; send back the value the previous page returned.");
            return false;
        }
    }

    public static string EncodeContinuation(string token) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));

    /// <summary>The body as a JSON value; an empty body is no value (null). False with a problem if it is not JSON.</summary>
    public static async Task<(bool Ok, JsonElement? Value, IResult? Problem)> ReadJsonAsync(HttpContext context, CancellationToken cancellation)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        string text = await reader.ReadToEndAsync(cancellation);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (true, null, null);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            return (true, document.RootElement.Clone(), null);
        }
        catch (JsonException)
        {
            return (false, null, ApiProblem.Result(context, ProblemKind.MalformedBody, "body", "Nội dung phải là JSON hợp lệ.", "The body must be valid JSON."));
        }
    }

    /// <summary>Instance ids are table keys: ids with characters a key cannot hold never exist.</summary>
    public static bool IsPossibleInstanceId(string instanceId)
        => instanceId.Length is > 0 and <= 256 && !instanceId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    public static IResult Invalid(HttpContext context, string field, string vi, string en)
        => ApiProblem.Result(context, ProblemKind.Validation, field, vi, en, [new FieldProblem(field, "invalid", ApiProblem.PrefersEnglish(context) ? en : vi)]);

    public static IResult UnknownInstance(HttpContext context, string instanceId)
        => ApiProblem.Result(context, ProblemKind.NotFound, "instanceId", $"Không có tiến trình '{instanceId}'.", $"No instance '{instanceId}' exists.");

    public static IResult Ended(HttpContext context, OrchestrationMetadata instance)
        => ApiProblem.Result(context, ProblemKind.Gone, "instanceId",
            $"Tiến trình '{instance.InstanceId}' đã kết thúc ({instance.RuntimeStatus}).", $"Instance '{instance.InstanceId}' has already ended ({instance.RuntimeStatus}).");
}
