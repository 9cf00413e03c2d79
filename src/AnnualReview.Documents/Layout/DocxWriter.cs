using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace AnnualReview.Documents.Layout;

/// <summary>
/// Builds one A4 party document through the Open XML SDK: the heading block, a title, paragraphs, tables,
/// signatures and a footer "Trang X/Y" of PAGE and NUMPAGES fields. Margins, font and size follow the usual
/// rules for party documents (Hướng dẫn 36-HD/VPTW: Times New Roman, 13–14 pt; left margin 30 mm).
/// </summary>
internal sealed class DocxWriter
{
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int MarginTop = 1134;
    private const int MarginBottom = 1134;
    private const int MarginLeft = 1701;
    private const int MarginRight = 851;

    /// <summary>Width of the text column in twentieths of a point.</summary>
    public const int TextWidth = PageWidth - MarginLeft - MarginRight;

    private const string Font = "Times New Roman";
    private const int FontHalfPoints = 26;

    private readonly Body _body = new();

    /// <summary>Left: the superior and the unit (the unit in bold), a star, the number. Right: the party's name and the date line.</summary>
    public DocxWriter Heading(DocumentHeading heading, string? formCode = null)
    {
        ArgumentNullException.ThrowIfNull(heading);
        if (formCode is not null)
        {
            _body.Append(Para(formCode, JustificationValues.Right, italic: true, size: 22));
        }

        var left = new List<Paragraph>();
        if (heading.SuperiorName is { } superior)
        {
            left.Add(Para(superior.ToUpperInvariant(), JustificationValues.Center));
        }

        left.Add(Para(heading.UnitName.ToUpperInvariant(), JustificationValues.Center, bold: true));
        left.Add(Para("*", JustificationValues.Center));
        left.Add(Para(heading.Number ?? "Số ....-…/…", JustificationValues.Center));

        var right = new List<Paragraph>
        {
            Para("ĐẢNG CỘNG SẢN VIỆT NAM", JustificationValues.Center, bold: true, underline: true),
            Para("", JustificationValues.Center),
            Para(heading.DateLine, JustificationValues.Center, italic: true),
        };
        _body.Append(Grid([3500, TextWidth - 3500], [[left, right]], borders: false));
        Blank();
        return this;
    }

    public DocxWriter Title(string title, params string[] subtitles)
    {
        ArgumentNullException.ThrowIfNull(subtitles);
        _body.Append(Para(title.ToUpperInvariant(), JustificationValues.Center, bold: true, size: 28));
        foreach (string subtitle in subtitles)
        {
            _body.Append(Para(subtitle, JustificationValues.Center, bold: true));
        }

        Blank();
        return this;
    }

    public DocxWriter Section(string heading)
    {
        _body.Append(Para(heading, JustificationValues.Both, bold: true, keepNext: true));
        return this;
    }

    /// <summary>Free text as the member or the secretary wrote it: one paragraph per line, first lines indented.</summary>
    public DocxWriter Text(string? text, string whenEmpty = "(Không có nội dung)")
    {
        string[] lines = string.IsNullOrWhiteSpace(text) ? [whenEmpty] : text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        foreach (string line in lines.Where(l => l.Trim().Length > 0))
        {
            _body.Append(Para(line.Trim(), JustificationValues.Both, indent: true));
        }

        return this;
    }

    /// <summary>"Label: value" on one line, the label in bold.</summary>
    public DocxWriter Field(string label, string value)
    {
        Paragraph paragraph = Para("", JustificationValues.Left);
        paragraph.Append(TextRun(label + ": ", bold: true), TextRun(value));
        _body.Append(paragraph);
        return this;
    }

    public DocxWriter Line(string text, bool bold = false, bool italic = false, bool center = false)
    {
        _body.Append(Para(text, center ? JustificationValues.Center : JustificationValues.Both, bold, italic));
        return this;
    }

    public DocxWriter Blank()
    {
        _body.Append(Para("", JustificationValues.Left));
        return this;
    }

    /// <summary>A ruled table with a bold header row that repeats on every page; the <paramref name="centered"/> columns (counts, levels) are centered.</summary>
    public DocxWriter Table(int[] widths, string[] header, IEnumerable<string[]> rows, int[] centered, int fontHalfPoints = 20)
    {
        ArgumentNullException.ThrowIfNull(header);
        var cells = new List<List<Paragraph>[]>
        {
            header.Select(h => new List<Paragraph> { Para(h, JustificationValues.Center, bold: true, size: fontHalfPoints - 2) }).ToArray(),
        };
        cells.AddRange(rows.Select(r => r.Select((c, i) => new List<Paragraph>
        {
            Para(c, centered.Contains(i) ? JustificationValues.Center : JustificationValues.Left, size: fontHalfPoints),
        }).ToArray()));
        Table table = Grid(widths, cells, borders: true);
        table.Elements<TableRow>().First().PrependChild(new TableRowProperties(new TableHeader()));
        _body.Append(table);
        Blank();
        return this;
    }

    /// <summary>Signature blocks side by side: each a bold title, a hint in italics, room to sign, then the name.</summary>
    public DocxWriter Signatures(params (string Title, string? Name)[] blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        int width = TextWidth / blocks.Length;
        return SignatureRow([.. blocks.Select(_ => width)], [.. blocks.Select(b => SignatureBlock(b.Title, b.Name))]);
    }

    /// <summary>The closing of an issued document: "Nơi nhận" and its list on the left, the signature on the right.</summary>
    public DocxWriter SignOff(string[] recipients, string title, string? name)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var left = new List<Paragraph> { Para("Nơi nhận:", JustificationValues.Left, bold: true, italic: true, size: 24, keepNext: true) };
        left.AddRange(recipients.Select(r => Para("- " + r, JustificationValues.Left, size: 22, keepNext: true)));
        return SignatureRow([3600, TextWidth - 3600], [left, SignatureBlock(title, name)]);
    }

    private static List<Paragraph> SignatureBlock(string title, string? name)
    {
        var column = title.Split('\n').Select(t => Para(t, JustificationValues.Center, bold: true, keepNext: true)).ToList();
        column.Add(Para("(Ký, ghi rõ họ tên)", JustificationValues.Center, italic: true, keepNext: true));
        column.AddRange(Enumerable.Range(0, 3).Select(_ => Para("", JustificationValues.Center, keepNext: true)));
        column.Add(Para(name ?? "", JustificationValues.Center, bold: true));
        return column;
    }

    private DocxWriter SignatureRow(int[] widths, List<Paragraph>[] columns)
    {
        Table table = Grid(widths, [columns], borders: false);
        table.Elements<TableRow>().First().PrependChild(new TableRowProperties(new CantSplit()));
        _body.Append(table);
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            MainDocumentPart main = document.AddMainDocumentPart();
            StyleDefinitionsPart styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                    new FontSize { Val = FontHalfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    new Languages { Val = "vi-VN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "60", Line = "276", LineRule = LineSpacingRuleValues.Auto }))));

            FooterPart footerPart = main.AddNewPart<FooterPart>();
            footerPart.Footer = PageNumberFooter();
            string footerId = main.GetIdOfPart(footerPart);

            _body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = footerId },
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = 567, Footer = 567, Gutter = 0 }));
            main.Document = new Document(_body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>"Trang X/Y" centered, X and Y being fields so the word processor numbers the pages itself.</summary>
    private static Footer PageNumberFooter()
    {
        var paragraph = new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        paragraph.Append(TextRun("Trang ", size: 20));
        paragraph.Append(new SimpleField(TextRun("1", size: 20)) { Instruction = " PAGE " });
        paragraph.Append(TextRun("/", size: 20));
        paragraph.Append(new SimpleField(TextRun("1", size: 20)) { Instruction = " NUMPAGES " });
        return new Footer(paragraph);
    }

    private static Table Grid(int[] widths, IEnumerable<List<Paragraph>[]> rows, bool borders)
    {
        var properties = new TableProperties(
            new TableWidth { Width = widths.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
        if (borders)
        {
            properties.Append(new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }));
        }

        properties.Append(new TableLayout { Type = TableLayoutValues.Fixed });

        // Narrow cell margins so "HTXSNV" fits a level column without breaking.
        properties.Append(new TableCellMarginDefault(new TableCellLeftMargin { Width = 60, Type = TableWidthValues.Dxa }, new TableCellRightMargin { Width = 60, Type = TableWidthValues.Dxa }));

        var table = new Table(properties, new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        foreach (List<Paragraph>[] row in rows)
        {
            var tableRow = new TableRow();
            for (int i = 0; i < row.Length; i++)
            {
                var cell = new TableCell(new TableCellProperties(new TableCellWidth
                {
                    Width = widths[i].ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Type = TableWidthUnitValues.Dxa,
                }));
                cell.Append(row[i].Count > 0 ? row[i] : [Para("", JustificationValues.Left)]);
                tableRow.Append(cell);
            }

            table.Append(tableRow);
        }

        return table;
    }

    /// <summary>A paragraph; its properties are appended in the order the schema requires (keepNext, ind, jc).</summary>
    private static Paragraph Para(string text, JustificationValues justification, bool bold = false, bool italic = false, bool underline = false, int? size = null, bool keepNext = false, bool indent = false)
    {
        var properties = new ParagraphProperties();
        if (keepNext)
        {
            properties.Append(new KeepNext());
        }

        if (indent)
        {
            properties.Append(new Indentation { FirstLine = "567" });
        }

        properties.Append(new Justification { Val = justification });
        var paragraph = new Paragraph(properties);
        if (text.Length > 0)
        {
            paragraph.Append(TextRun(text, bold, italic, underline, size));
        }

        return paragraph;
    }

    private static Run TextRun(string text, bool bold = false, bool italic = false, bool underline = false, int? size = null)
    {
        var properties = new RunProperties();
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (italic)
        {
            properties.Append(new Italic());
        }

        if (size is { } halfPoints)
        {
            properties.Append(new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        if (underline)
        {
            properties.Append(new Underline { Val = UnderlineValues.Single });
        }

        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }
}
