using System.Xml;

namespace AnnualReview.Assessment.Reports;

/// <summary>
/// The workbook's styles part. Cell style indexes used by <see cref="XlsxSheet"/>: 0 plain, 1 bold header,
/// 2 date (yyyy-mm-dd), 3 one decimal.
/// </summary>
internal static class XlsxStyles
{
    public const int Plain = 0;
    public const int Header = 1;
    public const int Date = 2;
    public const int OneDecimal = 3;

    private const string Ns = ReportXlsx.MainNamespace;

    public static void Write(XmlWriter xml)
    {
        xml.WriteStartElement("styleSheet", Ns);

        xml.WriteStartElement("numFmts", Ns);
        xml.WriteAttributeString("count", "2");
        NumFmt(xml, "164", "yyyy-mm-dd");
        NumFmt(xml, "165", "0.0");
        xml.WriteEndElement();

        xml.WriteStartElement("fonts", Ns);
        xml.WriteAttributeString("count", "2");
        Font(xml, bold: false);
        Font(xml, bold: true);
        xml.WriteEndElement();

        // Excel expects the first two fills to be "none" and "gray125" whatever the cells use.
        xml.WriteStartElement("fills", Ns);
        xml.WriteAttributeString("count", "2");
        Fill(xml, "none");
        Fill(xml, "gray125");
        xml.WriteEndElement();

        xml.WriteStartElement("borders", Ns);
        xml.WriteAttributeString("count", "1");
        xml.WriteStartElement("border", Ns);
        foreach (var side in new[] { "left", "right", "top", "bottom", "diagonal" })
        {
            xml.WriteElementString(side, Ns, string.Empty);
        }

        xml.WriteEndElement();
        xml.WriteEndElement();

        xml.WriteStartElement("cellStyleXfs", Ns);
        xml.WriteAttributeString("count", "1");
        Xf(xml, numFmt: "0", font: "0", withParent: false);
        xml.WriteEndElement();

        xml.WriteStartElement("cellXfs", Ns);
        xml.WriteAttributeString("count", "4");
        Xf(xml, numFmt: "0", font: "0", withParent: true);
        Xf(xml, numFmt: "0", font: "1", withParent: true);
        Xf(xml, numFmt: "164", font: "0", withParent: true);
        Xf(xml, numFmt: "165", font: "0", withParent: true);
        xml.WriteEndElement();

        xml.WriteStartElement("cellStyles", Ns);
        xml.WriteAttributeString("count", "1");
        xml.WriteStartElement("cellStyle", Ns);
        xml.WriteAttributeString("name", "Normal");
        xml.WriteAttributeString("xfId", "0");
        xml.WriteAttributeString("builtinId", "0");
        xml.WriteEndElement();
        xml.WriteEndElement();

        xml.WriteEndElement();
    }

    private static void NumFmt(XmlWriter xml, string id, string code)
    {
        xml.WriteStartElement("numFmt", Ns);
        xml.WriteAttributeString("numFmtId", id);
        xml.WriteAttributeString("formatCode", code);
        xml.WriteEndElement();
    }

    private static void Font(XmlWriter xml, bool bold)
    {
        xml.WriteStartElement("font", Ns);
        if (bold)
        {
            xml.WriteElementString("b", Ns, string.Empty);
        }

        xml.WriteStartElement("sz", Ns);
        xml.WriteAttributeString("val", "11");
        xml.WriteEndElement();
        xml.WriteStartElement("name", Ns);
        xml.WriteAttributeString("val", "Calibri");
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Fill(XmlWriter xml, string pattern)
    {
        xml.WriteStartElement("fill", Ns);
        xml.WriteStartElement("patternFill", Ns);
        xml.WriteAttributeString("patternType", pattern);
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Xf(XmlWriter xml, string numFmt, string font, bool withParent)
    {
        xml.WriteStartElement("xf", Ns);
        xml.WriteAttributeString("numFmtId", numFmt);
        xml.WriteAttributeString("fontId", font);
        xml.WriteAttributeString("fillId", "0");
        xml.WriteAttributeString("borderId", "0");
        if (withParent)
        {
            xml.WriteAttributeString("xfId", "0");
            if (numFmt != "0")
            {
                xml.WriteAttributeString("applyNumberFormat", "1");
            }

            if (font != "0")
            {
                xml.WriteAttributeString("applyFont", "1");
            }
        }

        xml.WriteEndElement();
    }
}
