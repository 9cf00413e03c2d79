using System.Text.Json;
using System.Text.Json.Serialization;

namespace AnnualReview.Durable;

/// <summary>Turns inputs and outputs into JSON text and back. One set of options for the whole engine.</summary>
public static class DataConverter
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string? Serialize(object? value)
    {
        return value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);
    }

    public static T? Deserialize<T>(string? json)
    {
        return json is null ? default : JsonSerializer.Deserialize<T>(json, Options);
    }

    public static object? Deserialize(string? json, Type type)
    {
        return json is null ? null : JsonSerializer.Deserialize(json, type, Options);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
