using System.Globalization;
using System.Text;

namespace AnnualReview.Assessment.Roster;

/// <summary>
/// Where a row sits in the imported file (vị trí dòng), so an error can send the user to the exact line.
/// </summary>
/// <param name="Format">The kind of source.</param>
/// <param name="Collection">"units" or "members".</param>
/// <param name="Index">Zero-based index of the row among the data rows (or JSON array elements).</param>
/// <param name="Line">Physical 1-based line number (CSV: the line where the record starts, header = 1); null when unknown.</param>
public readonly record struct RosterPosition(RosterSourceFormat Format, string Collection, int Index, int? Line)
{
    /// <summary>The array path in the JSON document or in memory, e.g. "members[17]"; just the collection for a header (index -1).</summary>
    public string Path => Index < 0 ? Collection : string.Create(CultureInfo.InvariantCulture, $"{Collection}[{Index}]");

    /// <summary>Names a field in the source's own convention: CSV columns are snake_case, JSON properties camelCase.</summary>
    /// <param name="columnName">The field's CSV column name, e.g. "cell_id".</param>
    public string FieldName(string columnName) =>
        Format == RosterSourceFormat.Json ? ToCamelCase(columnName) : columnName;

    public override string ToString() => Format switch
    {
        RosterSourceFormat.Csv when Line is { } line => string.Create(CultureInfo.InvariantCulture, $"line {line}"),
        _ when Line is { } line => string.Create(CultureInfo.InvariantCulture, $"{Path} (line {line})"),
        _ => Path,
    };

    internal static string ToCamelCase(string snake)
    {
        var result = new StringBuilder(snake.Length);
        var upperNext = false;
        foreach (var c in snake)
        {
            if (c == '_')
            {
                upperNext = true;
                continue;
            }

            result.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        return result.ToString();
    }
}
