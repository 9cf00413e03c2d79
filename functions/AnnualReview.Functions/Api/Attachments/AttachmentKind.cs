namespace AnnualReview.Functions.Api.Attachments;

/// <summary>The kinds of file a self-review may carry, each with the extension and media type it is stored under.</summary>
public sealed record AttachmentKind(string Name, string Extension, string ContentType, IReadOnlyList<string> ExtensionAliases)
{
    public static readonly AttachmentKind Pdf = new("PDF", ".pdf", "application/pdf", []);
    public static readonly AttachmentKind Docx = new("DOCX", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", []);
    public static readonly AttachmentKind Jpeg = new("JPEG", ".jpg", "image/jpeg", [".jpeg"]);
    public static readonly AttachmentKind Png = new("PNG", ".png", "image/png", []);

    public static IReadOnlyList<AttachmentKind> All { get; } = [Pdf, Docx, Jpeg, Png];

    /// <summary>Whether a file name's extension already names this kind (then it is kept as written).</summary>
    public bool IsExtension(string extension)
        => string.Equals(extension, Extension, StringComparison.OrdinalIgnoreCase)
            || ExtensionAliases.Any(a => string.Equals(extension, a, StringComparison.OrdinalIgnoreCase));
}
