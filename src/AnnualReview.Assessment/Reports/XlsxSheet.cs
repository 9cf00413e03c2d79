using System.Globalization;
using System.Text;
using System.Xml;

namespace AnnualReview.Assessment.Reports;

/// <summary>Writes one worksheet part: a frozen bold header row, then the rows with inline strings.</summary>
internal static class XlsxSheet
{
    private const string Ns = ReportXlsx.MainNamespace;

    /// <summary>Excel's limit on the characters in one cell.</summary>
    private const int MaxCellText = 32767;

    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    public static void Write(XmlWriter xml, ReportTable table)
    {
        xml.WriteStartElement("worksheet", Ns);
        FrozenHeader(xml);
        Columns(xml, table);
        xml.WriteStartElement("sheetData", Ns);

        StartRow(xml, 1);
        for (var c = 0; c < table.Headers.Count; c++)
        {
            TextCell(xml, Reference(c, 1), table.Headers[c], XlsxStyles.Header);
        }

        xml.WriteEndElement();

        for (var r = 0; r < table.Rows.Count; r++)
        {
            var rowNumber = r + 2;
            StartRow(xml, rowNumber);
            var row = table.Rows[r];
            for (var c = 0; c < row.Count; c++)
            {
                Cell(xml, Reference(c, rowNumber), row[c]);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>"A1" style reference: column letters (A…Z, AA…) then the 1-based row.</summary>
    internal static string Reference(int column, int row)
    {
        var letters = new StringBuilder();
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters.Insert(0, (char)('A' + ((n - 1) % 26)));
        }

        return letters.Append(row.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    private static void Cell(XmlWriter xml, string reference, ReportCell cell)
    {
        switch (cell.Kind)
        {
            case ReportCellKind.Text:
                TextCell(xml, reference, cell.Text!, XlsxStyles.Plain);
                break;
            case ReportCellKind.Number:
                NumberCell(xml, reference, cell.Number.ToString(CultureInfo.InvariantCulture), XlsxStyles.Plain);
                break;
            case ReportCellKind.Percent:
                NumberCell(xml, reference, cell.Number.ToString(CultureInfo.InvariantCulture), XlsxStyles.OneDecimal);
                break;
            case ReportCellKind.Date:
                NumberCell(xml, reference, (cell.Date.DayNumber - ExcelEpoch.DayNumber).ToString(CultureInfo.InvariantCulture), XlsxStyles.Date);
                break;
            default:
                // Empty cells are simply left out, as Excel itself writes them.
                break;
        }
    }

    private static void TextCell(XmlWriter xml, string reference, string text, int style)
    {
        xml.WriteStartElement("c", Ns);
        xml.WriteAttributeString("r", reference);
        if (style != XlsxStyles.Plain)
        {
            xml.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
        }

        xml.WriteAttributeString("t", "inlineStr");
        xml.WriteStartElement("is", Ns);
        xml.WriteStartElement("t", Ns);
        var clean = XmlSafe(text);
        if (clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1])))
        {
            xml.WriteAttributeString("xml", "space", null, "preserve");
        }

        xml.WriteString(clean);
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void NumberCell(XmlWriter xml, string reference, string value, int style)
    {
        xml.WriteStartElement("c", Ns);
        xml.WriteAttributeString("r", reference);
        if (style != XlsxStyles.Plain)
        {
            xml.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
        }

        xml.WriteElementString("v", Ns, value);
        xml.WriteEndElement();
    }

    private static void StartRow(XmlWriter xml, int number)
    {
        xml.WriteStartElement("row", Ns);
        xml.WriteAttributeString("r", number.ToString(CultureInfo.InvariantCulture));
    }

    private static void FrozenHeader(XmlWriter xml)
    {
        xml.WriteStartElement("sheetViews", Ns);
        xml.WriteStartElement("sheetView", Ns);
        xml.WriteAttributeString("workbookViewId", "0");
        xml.WriteStartElement("pane", Ns);
        xml.WriteAttributeString("ySplit", "1");
        xml.WriteAttributeString("topLeftCell", "A2");
        xml.WriteAttributeString("activePane", "bottomLeft");
        xml.WriteAttributeString("state", "frozen");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>Widths from the longest text in each column (capped), so names are readable without resizing.</summary>
    private static void Columns(XmlWriter xml, ReportTable table)
    {
        if (table.Headers.Count == 0)
        {
            return;
        }

        xml.WriteStartElement("cols", Ns);
        for (var c = 0; c < table.Headers.Count; c++)
        {
            var longest = table.Headers[c].Length;
            foreach (var row in table.Rows.Take(1000))
            {
                if (c < row.Count)
                {
                    longest = Math.Max(longest, row[c].Kind == ReportCellKind.Text ? row[c].Text!.Length : 10);
                }
            }

            var column = (c + 1).ToString(CultureInfo.InvariantCulture);
            xml.WriteStartElement("col", Ns);
            xml.WriteAttributeString("min", column);
            xml.WriteAttributeString("max", column);
            xml.WriteAttributeString("width", Math.Clamp(longest + 2, 8, 60).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("customWidth", "1");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>Drops characters XML cannot carry (control characters from pasted text) and cuts at Excel's cell limit.</summary>
    private static string XmlSafe(string text)
    {
        var clean = text.Any(c => !XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
            ? new string([.. text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c))])
            : text;
        return clean.Length > MaxCellText ? clean[..MaxCellText] : clean;
    }
}
