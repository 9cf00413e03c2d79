using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace AnnualReview.Testing;

/// <summary>
/// What a DOCX says, read back through the Open XML SDK so tests check the document and not the code that wrote
/// it: every paragraph's text in order (table cells included), each table as rows of cell texts, the footer's
/// field instructions, and the schema errors the SDK's validator finds.
/// </summary>
public sealed class DocxText
{
    private DocxText(List<string> paragraphs, List<List<string[]>> tables, List<string> footerFields, List<string> footerText, List<string> schemaErrors)
    {
        Paragraphs = paragraphs;
        Tables = tables;
        FooterFields = footerFields;
        FooterText = footerText;
        SchemaErrors = schemaErrors;
    }

    public IReadOnlyList<string> Paragraphs { get; }

    public IReadOnlyList<List<string[]>> Tables { get; }

    /// <summary>Field instructions in the footers, trimmed ("PAGE", "NUMPAGES").</summary>
    public IReadOnlyList<string> FooterFields { get; }

    public IReadOnlyList<string> FooterText { get; }

    public IReadOnlyList<string> SchemaErrors { get; }

    /// <summary>All paragraphs joined by newlines, for "contains" checks.</summary>
    public string All => string.Join('\n', Paragraphs);

    /// <summary>The table whose header row starts with the given cell texts.</summary>
    public List<string[]> TableStartingWith(params string[] header)
        => Tables.FirstOrDefault(t => t.Count > 0 && header.Select((h, i) => i < t[0].Length && t[0][i] == h).All(x => x))
            ?? throw new Xunit.Sdk.XunitException($"No table with header {string.Join(" | ", header)}; tables: {string.Join("; ", Tables.Select(t => string.Join(" | ", t.FirstOrDefault() ?? [])))}");

    public static DocxText Read(byte[] docx)
    {
        using var stream = new MemoryStream(docx, writable: false);
        using WordprocessingDocument document = WordprocessingDocument.Open(stream, false);
        Body body = document.MainDocumentPart?.Document?.Body ?? throw new InvalidDataException("The document has no body.");
        List<string> paragraphs = [.. body.Descendants<Paragraph>().Select(p => p.InnerText)];
        List<List<string[]>> tables = [.. body.Descendants<Table>().Select(t => t.Elements<TableRow>()
            .Select(r => r.Elements<TableCell>().Select(c => string.Join('\n', c.Elements<Paragraph>().Select(p => p.InnerText))).ToArray()).ToList())];
        var footers = document.MainDocumentPart!.FooterParts.Select(f => f.Footer).OfType<Footer>().ToList();
        List<string> fields = [.. footers.SelectMany(f => f.Descendants<SimpleField>().Select(s => s.Instruction?.Value?.Trim() ?? "")
            .Concat(f.Descendants<FieldCode>().Select(c => c.Text.Trim())))];
        List<string> footerText = [.. footers.SelectMany(f => f.Descendants<Paragraph>().Select(p => p.InnerText))];
        List<string> errors = [.. new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}")];
        return new DocxText(paragraphs, tables, fields, footerText, errors);
    }
}
