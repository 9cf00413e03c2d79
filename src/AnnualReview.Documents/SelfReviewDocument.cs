using AnnualReview.Assessment.Model;
using AnnualReview.Documents.Layout;

namespace AnnualReview.Documents;

/// <summary>One section of a form as printed: its code ("A.I"), its title and what was written in it.</summary>
public sealed record FormSectionText(string Code, string Title, string? Text);

/// <summary>A lettered part of a form ("A. Nội dung kiểm điểm") with its sections.</summary>
public sealed record FormPartText(string Code, string Title, IReadOnlyList<FormSectionText> Sections);

/// <summary>
/// A member's self-review (bản kiểm điểm cá nhân), Mẫu 02A, 02B or 02C by the member's kind: the form's parts
/// as the member filled them in, the self-rating with its four boxes, and room for the member's signature.
/// </summary>
/// <param name="FormCode">"02A" (leadership post), "02B" (no leadership post) or "02C" (outside the political system).</param>
/// <param name="FormTitle">The form's title, e.g. "Bản kiểm điểm cá nhân (đảng viên không giữ chức vụ lãnh đạo, quản lý)".</param>
/// <param name="Version">The submitted version printed.</param>
/// <param name="SubmittedAt">When it was submitted, in the cycle's local time.</param>
/// <param name="Points">The points the member gave themself, when the rule set scores points (QĐ 366).</param>
public sealed record SelfReviewData(
    DocumentHeading Heading, string FormCode, string FormTitle, int Year, string MemberName, string CellName, string? LeadershipPost,
    IReadOnlyList<FormPartText> Parts, RatingLevel SelfRating, int Version, DateTime SubmittedAt, decimal? Points = null);

public static class SelfReviewDocument
{
    public static byte[] Write(SelfReviewData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var doc = new DocxWriter()
            .Heading(data.Heading, "Mẫu " + data.FormCode)
            .Title("Bản kiểm điểm cá nhân", $"Năm {data.Year}", Audience(data.FormTitle))
            .Field("Họ và tên", data.MemberName)
            .Field("Chức vụ lãnh đạo, quản lý", data.LeadershipPost ?? "Không")
            .Field("Sinh hoạt tại", data.CellName)
            .Blank();

        foreach (FormPartText part in data.Parts)
        {
            doc.Section($"{part.Code}. {part.Title.ToUpperInvariant()}");
            foreach (FormSectionText section in part.Sections)
            {
                doc.Section($"{Roman(section.Code)}. {section.Title}");
                if (section.Code.EndsWith(".II", StringComparison.Ordinal) && section.Code.StartsWith('B'))
                {
                    LevelBoxes(doc, data.SelfRating);
                }
                else
                {
                    doc.Text(section.Text);
                }
            }
        }

        if (data.Points is { } points)
        {
            doc.Field("Tổng điểm tự chấm", points.ToString("0.##", DecisionListDocument.Vietnamese) + "/100");
        }

        doc.Line($"Phiên bản {data.Version}, nộp trên hệ thống lúc {data.SubmittedAt:HH:mm} {VietnameseDate.Words(DateOnly.FromDateTime(data.SubmittedAt))}.", italic: true)
            .Blank()
            .Signatures(("NHẬN XÉT, ĐÁNH GIÁ\nCỦA CHI ỦY (BÍ THƯ CHI BỘ)", null), ("NGƯỜI TỰ KIỂM ĐIỂM", data.MemberName));
        return doc.ToBytes();
    }

    /// <summary>The four boxes of B.II with the self-rated one ticked.</summary>
    private static void LevelBoxes(DocxWriter doc, RatingLevel chosen)
    {
        foreach (RatingLevel level in LevelNames.InFormOrder)
        {
            doc.Line($"{(level == chosen ? "☒" : "☐")} {LevelNames.Vi(level)}", bold: level == chosen);
        }
    }

    /// <summary>"A.III" prints as "III" under its part's heading.</summary>
    private static string Roman(string code) => code.Contains('.', StringComparison.Ordinal) ? code[(code.IndexOf('.', StringComparison.Ordinal) + 1)..] : code;

    /// <summary>"Bản kiểm điểm cá nhân (đảng viên …)" gives "(Dùng cho đảng viên …)" under the title.</summary>
    private static string Audience(string formTitle)
    {
        int open = formTitle.IndexOf('(', StringComparison.Ordinal);
        return open < 0 ? formTitle : "(Dùng cho " + formTitle[(open + 1)..];
    }
}
