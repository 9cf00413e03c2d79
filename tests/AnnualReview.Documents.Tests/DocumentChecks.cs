using AnnualReview.Testing;

namespace AnnualReview.Documents.Tests;

/// <summary>What every official document must have, whatever it says: the heading block, page numbers, a valid package, a page that renders.</summary>
internal static class DocumentChecks
{
    public static DocxText Official(byte[] docx, string unitName, string dateLine)
    {
        DocxText text = DocxText.Read(docx);
        Assert.True(text.SchemaErrors.Count == 0, string.Join('\n', text.SchemaErrors));
        List<string[]> heading = text.Tables[0];
        Assert.Contains(unitName.ToUpperInvariant(), heading[0][0], StringComparison.Ordinal);
        Assert.StartsWith("ĐẢNG CỘNG SẢN VIỆT NAM", heading[0][1], StringComparison.Ordinal);
        Assert.Contains(dateLine, heading[0][1], StringComparison.Ordinal);
        Assert.Equal(["PAGE", "NUMPAGES"], text.FooterFields);
        Assert.StartsWith("Trang ", text.FooterText.Single(), StringComparison.Ordinal);
        return text;
    }

    /// <summary>Renders to PDF and PNG, keeps both under bin/…/rendered/, and checks the page count and that the first page is a real A4 picture.</summary>
    public static async Task<Rendering> RendersAsync(byte[] docx, string name, int pages)
    {
        Rendering rendering = await LibreOffice.RenderAsync(docx, name, TestTimeout.For(TimeSpan.FromMinutes(5)));
        Assert.Equal(pages, rendering.Pages);
        (int width, int height) = rendering.PngSize();
        Assert.InRange(height / (double)width, 1.35, 1.49); // A4 portrait is 1.414.
        Assert.True(new FileInfo(rendering.Png).Length > 10_000, "The first page rendered almost empty.");
        return rendering;
    }
}
