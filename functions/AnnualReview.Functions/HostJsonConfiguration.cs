using System.Text.Json;

namespace AnnualReview.Functions;

/// <summary>
/// Loads host.json the way the Functions host exposes it, under <c>AzureFunctionsJobHost:</c>, so the standalone
/// host reads the task hub's settings (<c>extensions.durableTask</c>) from the same file and under the same names.
/// Environment variables such as <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c> still win.
/// </summary>
public static class HostJsonConfiguration
{
    public const string Prefix = "AzureFunctionsJobHost";

    public static void Add(ConfigurationManager configuration, string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Flatten(document.RootElement, Prefix, values);

        // Sources added later win: put host.json first so every other source (settings files, environment, command line) overrides it.
        var sources = configuration.Sources.ToList();
        configuration.Sources.Clear();
        configuration.AddInMemoryCollection(values);
        foreach (IConfigurationSource source in sources)
        {
            configuration.Sources.Add(source);
        }
    }

    private static void Flatten(JsonElement element, string path, Dictionary<string, string?> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Flatten(property.Value, path + ":" + property.Name, values);
                }

                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Flatten(item, path + ":" + index++, values);
                }

                break;
            default:
                values[path] = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
                break;
        }
    }
}
