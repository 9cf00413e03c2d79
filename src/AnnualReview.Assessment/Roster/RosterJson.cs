using System.Text;
using System.Text.Json;
using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

/// <summary>
/// The roster as one JSON document: <c>{ "units": [...], "members": [...] }</c>, with the CSV fields in camelCase.
/// Read token by token so each error can name its array path ("members[17]") and its line.
/// </summary>
public static class RosterJson
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Property name (camelCase, case-insensitive; snake_case also accepted) to CSV column name.</summary>
    private static readonly Dictionary<string, string> UnitProperties = PropertyMap(RosterColumns.Unit);
    private static readonly Dictionary<string, string> MemberProperties = PropertyMap(RosterColumns.Member);

    /// <summary>Reads a whole roster document.</summary>
    public static RosterParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var bytes = Encoding.UTF8.GetBytes(json);
        var lines = new LineIndex(bytes);
        var units = new List<RosterRow<Unit>>();
        var members = new List<RosterRow<Member>>();
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<RosterError>();
        var reader = new Utf8JsonReader(bytes, Options);
        try
        {
            if (!reader.Read())
            {
                errors.Add(ParseErrors.EmptyFile(RosterSourceFormat.Json, "units"));
                return new RosterParseResult(units, members, errors);
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(ParseErrors.MalformedJson(Root(lines, reader), "the document must be an object { \"units\": [...], \"members\": [...] }"));
                return new RosterParseResult(units, members, errors);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                var where = Root(lines, reader);
                reader.Read();
                if (name.Equals("units", StringComparison.OrdinalIgnoreCase))
                {
                    ReadArray(ref reader, lines, "units", UnitProperties, errors, (field, position) =>
                    {
                        if (RosterRowBuilder.BuildUnit(field, position, errors) is { } unit)
                        {
                            units.Add(new RosterRow<Unit>(unit, position));
                        }
                        else if (RosterValueParser.CleanOptional(field(RosterColumns.Id)) is { } id)
                        {
                            unreadable.Add(id);
                        }
                    });
                }
                else if (name.Equals("members", StringComparison.OrdinalIgnoreCase))
                {
                    ReadArray(ref reader, lines, "members", MemberProperties, errors, (field, position) =>
                    {
                        if (RosterRowBuilder.BuildMember(field, position, errors) is { } member)
                        {
                            members.Add(new RosterRow<Member>(member, position));
                        }
                    });
                }
                else
                {
                    errors.Add(ParseErrors.UnknownColumn(where, name));
                    reader.Skip();
                }
            }
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            errors.Add(ParseErrors.MalformedJson(new RosterPosition(RosterSourceFormat.Json, "document", -1, line), e.Message));
        }

        return new RosterParseResult(units, members, errors) { UnreadableUnitIds = unreadable };
    }

    private static void ReadArray(
        ref Utf8JsonReader reader,
        LineIndex lines,
        string collection,
        Dictionary<string, string> properties,
        List<RosterError> errors,
        Action<Func<string, string?>, RosterPosition> onRow)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            errors.Add(ParseErrors.MalformedJson(Root(lines, reader), $"\"{collection}\" must be an array"));
            reader.Skip();
            return;
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? Field(string column) => values.GetValueOrDefault(column);
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var position = new RosterPosition(RosterSourceFormat.Json, collection, index++, lines.LineOf(reader.TokenStartIndex));
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(ParseErrors.MalformedJson(position, $"each element of \"{collection}\" must be an object"));
                reader.Skip();
                continue;
            }

            values.Clear();
            var before = errors.Count;
            ReadObject(ref reader, position, properties, values, errors);
            if (errors.Count == before)
            {
                onRow(Field, position);
            }
        }
    }

    private static void ReadObject(
        ref Utf8JsonReader reader,
        RosterPosition position,
        Dictionary<string, string> properties,
        Dictionary<string, string?> values,
        List<RosterError> errors)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (!properties.TryGetValue(name, out var column))
            {
                errors.Add(ParseErrors.UnknownColumn(position, name));
                reader.Skip();
                continue;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    values[column] = reader.GetString();
                    break;
                case JsonTokenType.Number:
                    values[column] = Encoding.UTF8.GetString(reader.ValueSpan);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    values[column] = reader.GetBoolean() ? "true" : "false";
                    break;
                case JsonTokenType.Null:
                    values[column] = null;
                    break;
                default:
                    errors.Add(ParseErrors.InvalidValue(position, name, reader.TokenType.ToString(), "a string, number, true/false or null"));
                    reader.Skip();
                    break;
            }
        }
    }

    private static RosterPosition Root(LineIndex lines, Utf8JsonReader reader) =>
        new(RosterSourceFormat.Json, "document", -1, lines.LineOf(reader.TokenStartIndex));

    private static Dictionary<string, string> PropertyMap(IReadOnlyList<string> columns)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            map[RosterPosition.ToCamelCase(column)] = column;
            map[column] = column;
        }

        return map;
    }

    /// <summary>Byte offsets where lines start, so a token's offset becomes a 1-based line by binary search.</summary>
    private sealed class LineIndex
    {
        private readonly List<long> starts = [0];

        public LineIndex(byte[] bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    starts.Add(i + 1);
                }
            }
        }

        public int LineOf(long offset)
        {
            var found = starts.BinarySearch(offset);
            return (found >= 0 ? found : ~found - 1) + 1;
        }
    }
}
