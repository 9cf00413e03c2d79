using AnnualReview.Functions.Api.Attachments;

namespace AnnualReview.Functions.Tests.Api.Attachments;

public sealed class AttachmentFileNameTests
{
    [Theory]
    [InlineData("ban-kiem-diem.pdf", "PDF", "ban-kiem-diem.pdf")]
    [InlineData("anh-chan-dung.pdf", "PNG", "anh-chan-dung.png")]
    [InlineData("ảnh.JPEG", "JPEG", "ảnh.jpeg")]
    [InlineData("scan", "JPEG", "scan.jpg")]
    [InlineData("../../etc/passwd", "PDF", "passwd.pdf")]
    [InlineData("C:\\Users\\lan\\Bản kiểm điểm.docx", "DOCX", "Bản kiểm điểm.docx")]
    [InlineData("a\u0000b\u202Ec\u0007.pdf", "PDF", "abc.pdf")]
    [InlineData("x<y>z|w?.png", "PNG", "x_y_z_w_.png")]
    [InlineData("   ...   ", "PDF", "tep-dinh-kem.pdf")]
    [InlineData("", "PNG", "tep-dinh-kem.png")]
    public void Sanitize_KeepsOnlyASafeNameWithTheDetectedExtension(string sent, string kind, string expected)
    {
        AttachmentKind detected = AttachmentKind.All.Single(k => k.Name == kind);

        Assert.Equal(expected, AttachmentFileName.Sanitize(sent, detected));
    }

    [Fact]
    public void Sanitize_LongName_IsCutToTheBound()
    {
        string name = AttachmentFileName.Sanitize(new string('a', 500) + ".pdf", AttachmentKind.Pdf);

        Assert.Equal(AttachmentFileName.MaxStemLength + 4, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }
}
