using System.Globalization;
using System.Text;

namespace AnnualReview.Functions.Api.Attachments;

/// <summary>
/// Turns a sender's file name into one that is safe to store and to offer for download: no folders, no control
/// or reserved characters, bounded in length, and ending in the extension of the kind the content really is.
/// </summary>
public static class AttachmentFileName
{
    public const int MaxStemLength = 100;

    /// <summary>Used when nothing usable is left of the name ("tệp đính kèm").</summary>
    public const string Fallback = "tep-dinh-kem";

    private static readonly char[] Reserved = ['<', '>', ':', '"', '/', '\\', '|', '?', '*', ';', '%'];

    public static string Sanitize(string? sent, AttachmentKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        string name = (sent ?? "").Normalize(NormalizationForm.FormC);

        // Whatever the sender's system used as a folder separator, only the last part is the file's name.
        int lastSeparator = name.LastIndexOfAny(['/', '\\']);
        if (lastSeparator >= 0)
        {
            name = name[(lastSeparator + 1)..];
        }

        var kept = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            UnicodeCategory category = char.GetUnicodeCategory(c);
            bool invisible = char.IsControl(c) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
            if (!invisible)
            {
                kept.Append(Array.IndexOf(Reserved, c) >= 0 ? '_' : c);
            }
        }

        string cleaned = kept.ToString().Trim().Trim('.', ' ');
        string extension = Path.GetExtension(cleaned);
        string stem = extension.Length > 0 && kind.IsExtension(extension) ? cleaned[..^extension.Length] : StripKnownExtension(cleaned);
        string keptExtension = extension.Length > 0 && kind.IsExtension(extension) ? extension.ToLowerInvariant() : kind.Extension;
        stem = stem.Trim().TrimEnd('.').Trim();
        if (stem.Length > MaxStemLength)
        {
            stem = stem[..MaxStemLength].TrimEnd();
        }

        return (stem.Length == 0 ? Fallback : stem) + keptExtension;
    }

    /// <summary>"photo.pdf" holding a PNG becomes "photo.png", not "photo.pdf.png": a misleading extension is dropped.</summary>
    private static string StripKnownExtension(string name)
    {
        string extension = Path.GetExtension(name);
        return extension.Length is > 1 and <= 6 && extension.Skip(1).All(char.IsAsciiLetterOrDigit) ? name[..^extension.Length] : name;
    }
}
