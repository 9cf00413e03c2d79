using System.IO.Compression;
using System.Text;
using System.Xml;

namespace AnnualReview.Assessment.Reports;

/// <summary>
/// Writes reports as an .xlsx workbook (Office Open XML), one sheet per table, by hand with
/// System.IO.Compression: the minimal parts Excel, LibreOffice and Google Sheets need, a bold frozen header,
/// numbers as numbers and dates as dates. No package, so the domain library stays dependency-free.
/// </summary>
public static class ReportXlsx
{
    internal const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>Fixed entry times keep the same report byte-for-byte identical, so it can be hashed and archived.</summary>
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The results sheet and the late reports sheet in one workbook.</summary>
    public static byte[] Write(IEnumerable<UnitResultRow> results, IEnumerable<LateReportRow> lateReports, ReportLanguage language) =>
        Write([UnitResultReport.ToTable(results, language), LateReportList.ToTable(lateReports, language)]);

    /// <summary>A workbook with one sheet per table, in order.</summary>
    public static byte[] Write(IReadOnlyList<ReportTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentOutOfRangeException.ThrowIfZero(tables.Count);
        var names = SheetNames(tables);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", xml => ContentTypes(xml, tables.Count));
            Part(zip, "_rels/.rels", RootRelationships);
            Part(zip, "xl/workbook.xml", xml => Workbook(xml, names));
            Part(zip, "xl/_rels/workbook.xml.rels", xml => WorkbookRelationships(xml, tables.Count));
            Part(zip, "xl/styles.xml", XlsxStyles.Write);
            for (var i = 0; i < tables.Count; i++)
            {
                var table = tables[i];
                Part(zip, $"xl/worksheets/sheet{i + 1}.xml", xml => XlsxSheet.Write(xml, table));
            }
        }

        return buffer.ToArray();
    }

    private static void Part(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument(standalone: true);
        write(xml);
        xml.WriteEndDocument();
    }

    private static void ContentTypes(XmlWriter xml, int sheets)
    {
        const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        const string office = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
        xml.WriteStartElement("Types", ns);
        Default("rels", "application/vnd.openxmlformats-package.relationships+xml");
        Default("xml", "application/xml");
        Override("/xl/workbook.xml", office + "sheet.main+xml");
        Override("/xl/styles.xml", office + "styles+xml");
        for (var i = 1; i <= sheets; i++)
        {
            Override($"/xl/worksheets/sheet{i}.xml", office + "worksheet+xml");
        }

        xml.WriteEndElement();

        void Default(string extension, string type)
        {
            xml.WriteStartElement("Default", ns);
            xml.WriteAttributeString("Extension", extension);
            xml.WriteAttributeString("ContentType", type);
            xml.WriteEndElement();
        }

        void Override(string part, string type)
        {
            xml.WriteStartElement("Override", ns);
            xml.WriteAttributeString("PartName", part);
            xml.WriteAttributeString("ContentType", type);
            xml.WriteEndElement();
        }
    }

    private static void RootRelationships(XmlWriter xml)
    {
        xml.WriteStartElement("Relationships", PackageRelationships);
        Relationship(xml, "rId1", RelationshipNamespace + "/officeDocument", "xl/workbook.xml");
        xml.WriteEndElement();
    }

    private static void Workbook(XmlWriter xml, List<string> names)
    {
        xml.WriteStartElement("workbook", MainNamespace);
        xml.WriteAttributeString("xmlns", "r", null, RelationshipNamespace);
        xml.WriteStartElement("sheets", MainNamespace);
        for (var i = 0; i < names.Count; i++)
        {
            xml.WriteStartElement("sheet", MainNamespace);
            xml.WriteAttributeString("name", names[i]);
            xml.WriteAttributeString("sheetId", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            xml.WriteAttributeString("id", RelationshipNamespace, $"rId{i + 1}");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WorkbookRelationships(XmlWriter xml, int sheets)
    {
        xml.WriteStartElement("Relationships", PackageRelationships);
        for (var i = 1; i <= sheets; i++)
        {
            Relationship(xml, $"rId{i}", RelationshipNamespace + "/worksheet", $"worksheets/sheet{i}.xml");
        }

        Relationship(xml, $"rId{sheets + 1}", RelationshipNamespace + "/styles", "styles.xml");
        xml.WriteEndElement();
    }

    private static void Relationship(XmlWriter xml, string id, string type, string target)
    {
        xml.WriteStartElement("Relationship", PackageRelationships);
        xml.WriteAttributeString("Id", id);
        xml.WriteAttributeString("Type", type);
        xml.WriteAttributeString("Target", target);
        xml.WriteEndElement();
    }

    /// <summary>Excel refuses a workbook whose sheet names are over 31 characters, repeat, or contain []:*?/\.</summary>
    private static List<string> SheetNames(IReadOnlyList<ReportTable> tables)
    {
        var names = new List<string>(tables.Count);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in tables)
        {
            var clean = new string([.. table.SheetName.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]).Trim();
            var name = clean.Length == 0 ? "Sheet" : clean[..Math.Min(clean.Length, 31)];
            for (var n = 2; !used.Add(name); n++)
            {
                var suffix = $" ({n})";
                name = clean[..Math.Min(clean.Length, 31 - suffix.Length)] + suffix;
            }

            names.Add(name);
        }

        return names;
    }
}
