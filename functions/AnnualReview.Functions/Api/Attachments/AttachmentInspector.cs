using System.IO.Compression;

namespace AnnualReview.Functions.Api.Attachments;

/// <summary>
/// Recognizes an attachment by its bytes alone. The name and the declared media type come from the sender and
/// prove nothing, so an executable called "scan.pdf" is refused and a PNG called "scan.pdf" is kept as a PNG.
/// </summary>
public static class AttachmentInspector
{
    /// <summary>A self-review's scans and documents are small; anything bigger is refused before storing.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>A Word document has a handful of parts; a ZIP with far more entries is not one we accept.</summary>
    private const int MaxZipEntries = 2_000;

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The kind the content is, or null when it is none of PDF, DOCX, JPEG and PNG.</summary>
    public static AttachmentKind? Detect(ReadOnlyMemory<byte> content)
    {
        ReadOnlySpan<byte> head = content.Span;
        if (head.StartsWith(PdfMagic))
        {
            return AttachmentKind.Pdf;
        }

        if (head.StartsWith(PngMagic))
        {
            return AttachmentKind.Png;
        }

        if (head.StartsWith(JpegMagic))
        {
            return AttachmentKind.Jpeg;
        }

        return head.StartsWith(ZipMagic) && IsWordDocument(content) ? AttachmentKind.Docx : null;
    }

    /// <summary>
    /// A DOCX is a ZIP whose parts include [Content_Types].xml and word/document.xml. Only the central directory
    /// is read (no entry is decompressed), so a ZIP bomb costs nothing; a damaged archive is simply not a DOCX.
    /// </summary>
    private static bool IsWordDocument(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
            if (zip.Entries.Count > MaxZipEntries)
            {
                return false;
            }

            bool contentTypes = false;
            bool document = false;
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                contentTypes |= string.Equals(entry.FullName, "[Content_Types].xml", StringComparison.Ordinal);
                document |= string.Equals(entry.FullName, "word/document.xml", StringComparison.Ordinal);
            }

            return contentTypes && document;
        }
        catch (InvalidDataException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
