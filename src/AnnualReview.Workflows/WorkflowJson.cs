using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace AnnualReview.Workflows;

/// <summary>
/// How the cycle's inputs, outputs, events and custom status are written as JSON: camelCase, enums by name,
/// Vietnamese letters as they are (not <c>\u</c> escapes). Both hosts give the SDK this converter, so a task hub
/// holds the same JSON whichever host wrote it.
/// </summary>
public static class WorkflowJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static DataConverter Converter { get; } = new JsonDataConverter(Options);

    public static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public static T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
