using System.Text.Json;

namespace AnnualReview.Assessment.Rules;

/// <summary>
/// A JSON object with its path, so every read that fails names the exact field
/// (e.g. "levels[2].code: is required") instead of a serializer's line and byte.
/// </summary>
internal readonly struct JsonCursor
{
    private readonly JsonElement element;

    public JsonCursor(JsonElement element, string path)
    {
        this.element = element;
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new RuleSetException(path, "must be an object");
        }
    }

    public string Path { get; }

    public string PathOf(string name) => Path == "$" ? name : $"{Path}.{name}";

    public RuleSetException Fail(string name, string problem) => new(PathOf(name), problem);

    public bool Has(string name) => element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null;

    public JsonCursor Object(string name) => new(Required(name), PathOf(name));

    public JsonCursor? OptionalObject(string name) => Has(name) ? Object(name) : null;

    public IReadOnlyList<JsonCursor> Objects(string name, bool allowEmpty = false)
    {
        JsonElement array = Required(name);
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Fail(name, "must be an array");
        }

        if (!allowEmpty && array.GetArrayLength() == 0)
        {
            throw Fail(name, "must not be empty");
        }

        string path = PathOf(name);
        return array.EnumerateArray().Select((item, i) => new JsonCursor(item, $"{path}[{i}]")).ToList();
    }

    public string String(string name)
    {
        JsonElement value = Required(name);
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw Fail(name, "must be a non-empty string");
        }

        return value.GetString()!;
    }

    public string? OptionalString(string name) => Has(name) ? String(name) : null;

    public bool Bool(string name)
    {
        JsonElement value = Required(name);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail(name, "must be true or false"),
        };
    }

    public bool? OptionalBool(string name) => Has(name) ? Bool(name) : null;

    public decimal Decimal(string name)
    {
        JsonElement value = Required(name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out decimal number))
        {
            throw Fail(name, "must be a number");
        }

        return number;
    }

    public decimal? OptionalDecimal(string name) => Has(name) ? Decimal(name) : null;

    public int Int(string name)
    {
        JsonElement value = Required(name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int number))
        {
            throw Fail(name, "must be a whole number");
        }

        return number;
    }

    /// <summary>An enum written by name in camel or Pascal case; numbers are refused so the data stays readable.</summary>
    public TEnum Enum<TEnum>(string name)
        where TEnum : struct, Enum
    {
        string text = String(name);
        if (text.Length > 0 && char.IsLetter(text[0])
            && System.Enum.TryParse(char.ToUpperInvariant(text[0]) + text[1..], ignoreCase: false, out TEnum parsed)
            && System.Enum.IsDefined(parsed))
        {
            return parsed;
        }

        string allowed = string.Join(", ", System.Enum.GetNames<TEnum>().Select(ToCamel));
        throw Fail(name, $"must be one of {allowed}");
    }

    /// <summary>Reads {"value": …, "source": "…", "confirmed": bool} with the value read by <paramref name="read"/>.</summary>
    public Sourced<T> Sourced<T>(string name, Func<JsonCursor, string, T> read)
    {
        JsonCursor inner = Object(name);
        return new Sourced<T>(read(inner, "value"), inner.String("source"), inner.Bool("confirmed"));
    }

    public (string Source, bool Confirmed) Provenance() => (String("source"), Bool("confirmed"));

    private static string ToCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private JsonElement Required(string name)
    {
        if (!element.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            throw Fail(name, "is required");
        }

        return value;
    }
}
