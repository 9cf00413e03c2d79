using System.Buffers;

namespace AnnualReview.Assessment.Roster;

/// <summary>RFC 4180 field quoting, shared by the roster writer and the report writer.</summary>
internal static class CsvText
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    /// <summary>Quotes a field only when it must be, so plain files stay easy to read and diff.</summary>
    public static void WriteField(TextWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        // Leading or trailing spaces are quoted too, because some readers trim unquoted fields.
        if (value.AsSpan().IndexOfAny(NeedsQuotes) < 0 && value[0] != ' ' && value[^1] != ' ')
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    /// <summary>Writes one record ending in CRLF, the line break RFC 4180 names.</summary>
    public static void WriteRecord(TextWriter writer, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            WriteField(writer, fields[i]);
        }

        writer.Write("\r\n");
    }
}
