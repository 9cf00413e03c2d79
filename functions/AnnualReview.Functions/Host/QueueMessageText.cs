using System.Text;
using System.Text.Json;

namespace AnnualReview.Functions.Host;

/// <summary>
/// Recovers a queue message's text from what the Functions host puts in an invocation's <c>Data</c>. The host
/// decodes the queue's base64 (host.json <c>messageEncoding</c>) and then serializes a string message once more
/// as JSON, so the value is a JSON string whose text is itself a quoted string; a byte[] message arrives as
/// base64. The engine's messages are always JSON objects, which tells the shapes apart.
/// </summary>
public static class QueueMessageText
{
    private const int MaxUnwrapping = 4;

    public static string From(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return value.GetRawText();
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new InvalidDataException($"A queue message cannot be a JSON {value.ValueKind}.");
        }

        string text = value.GetString()!;
        for (int i = 0; i < MaxUnwrapping; i++)
        {
            string trimmed = text.Trim();
            if (trimmed.StartsWith('{'))
            {
                return trimmed;
            }

            if (trimmed.StartsWith('"'))
            {
                text = Unquote(trimmed);
                continue;
            }

            text = FromBase64(trimmed);
        }

        throw new InvalidDataException("The queue message is not a JSON object, nor a quoted or base64 form of one.");
    }

    private static string Unquote(string quoted)
    {
        try
        {
            return JsonSerializer.Deserialize<string>(quoted) ?? "";
        }
        catch (JsonException error)
        {
            throw new InvalidDataException("The queue message is a malformed quoted string.", error);
        }
    }

    private static string FromBase64(string text)
    {
        byte[] buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out int written))
        {
            throw new InvalidDataException("The queue message is neither JSON nor base64.");
        }

        return Encoding.UTF8.GetString(buffer, 0, written);
    }
}
