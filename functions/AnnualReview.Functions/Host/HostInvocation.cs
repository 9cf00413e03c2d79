using System.Globalization;
using System.Text.Json;

namespace AnnualReview.Functions.Host;

/// <summary>
/// One invocation from the Functions host: <c>{"Data":{binding:value},"Metadata":{name:value}}</c>. Metadata
/// values are serialized by the host one by one, so a number may arrive as a number or as its text.
/// </summary>
public sealed class HostInvocation
{
    private HostInvocation(JsonElement data, JsonElement metadata)
    {
        Data = data;
        Metadata = metadata;
    }

    public JsonElement Data { get; }

    public JsonElement Metadata { get; }

    public static async Task<HostInvocation> ReadAsync(HttpRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellation);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException("The invocation body is not JSON.", error);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("The invocation body is not a JSON object.");
            }

            JsonElement data = Member(root, "Data");
            JsonElement metadata = Member(root, "Metadata");
            return new HostInvocation(CloneOrDefault(data), CloneOrDefault(metadata));
        }
    }

    /// <summary>The text of the queue message bound to <paramref name="binding"/>.</summary>
    public string QueueMessage(string binding)
    {
        if (Data.ValueKind != JsonValueKind.Object || !TryMember(Data, binding, out JsonElement value))
        {
            throw new InvalidDataException($"The invocation has no '{binding}' in its Data.");
        }

        return QueueMessageText.From(value);
    }

    /// <summary>How many times the host has delivered this message (1 the first time).</summary>
    public long DequeueCount
    {
        get
        {
            string? text = MetadataText("DequeueCount");
            return text is not null && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long count) && count > 0 ? count : 1;
        }
    }

    /// <summary>A metadata value as plain text (numbers, strings and quoted strings alike), or null.</summary>
    public string? MetadataText(string name)
    {
        if (Metadata.ValueKind != JsonValueKind.Object || !TryMember(Metadata, name, out JsonElement value))
        {
            return null;
        }

        string? text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
        if (text is { Length: > 1 } && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                text = JsonSerializer.Deserialize<string>(text);
            }
            catch (JsonException)
            {
                // Not a quoted string after all; keep the text as it is.
            }
        }

        return text;
    }

    private static JsonElement CloneOrDefault(JsonElement element)
        => element.ValueKind == JsonValueKind.Undefined ? default : element.Clone();

    private static JsonElement Member(JsonElement root, string name)
        => TryMember(root, name, out JsonElement value) ? value : default;

    /// <summary>Names are matched ignoring case: the host's casing of keys is not part of any contract we rely on.</summary>
    private static bool TryMember(JsonElement obj, string name, out JsonElement value)
    {
        foreach (JsonProperty property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
