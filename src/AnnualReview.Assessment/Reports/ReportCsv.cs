using System.Globalization;
using System.Text;
using AnnualReview.Assessment.Roster;

namespace AnnualReview.Assessment.Reports;

/// <summary>
/// Writes a report as CSV in UTF-8 with a byte order mark: without it Excel guesses the local code page and
/// Vietnamese names come out garbled. Numbers use a dot for decimals, dates yyyy-MM-dd.
/// </summary>
public static class ReportCsv
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static void Write(Stream output, ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(table);
        using var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 65536, leaveOpen: true);
        CsvText.WriteRecord(writer, table.Headers);
        var fields = new string?[table.Headers.Count];
        foreach (var row in table.Rows)
        {
            if (fields.Length != row.Count)
            {
                fields = new string?[row.Count];
            }

            for (var i = 0; i < row.Count; i++)
            {
                fields[i] = Format(row[i]);
            }

            CsvText.WriteRecord(writer, fields);
        }
    }

    public static void Write(Stream output, IEnumerable<UnitResultRow> rows, ReportLanguage language) =>
        Write(output, UnitResultReport.ToTable(rows, language));

    public static void Write(Stream output, IEnumerable<LateReportRow> rows, ReportLanguage language) =>
        Write(output, LateReportList.ToTable(rows, language));

    /// <summary>The report as bytes, BOM first.</summary>
    public static byte[] ToBytes(ReportTable table)
    {
        using var buffer = new MemoryStream();
        Write(buffer, table);
        return buffer.ToArray();
    }

    private static string? Format(ReportCell cell) => cell.Kind switch
    {
        ReportCellKind.Text => Neutralize(cell.Text!),
        ReportCellKind.Number => cell.Number.ToString(CultureInfo.InvariantCulture),
        ReportCellKind.Percent => cell.Number.ToString("0.0", CultureInfo.InvariantCulture),
        ReportCellKind.Date => cell.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>
    /// Text that starts like a formula gets a leading apostrophe: a unit named "=HYPERLINK(…)" in the roster must
    /// not run as a formula on the board's computer (CSV injection).
    /// </summary>
    private static string Neutralize(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
