using AnnualReview.Functions.Api.Attachments;

namespace AnnualReview.Functions.Tests.Api.Attachments;

public sealed class AttachmentInspectorTests
{
    [Fact]
    public void Detect_EachAllowedKind_IsRecognizedByItsBytes()
    {
        Assert.Same(AttachmentKind.Pdf, AttachmentInspector.Detect(SampleFiles.Pdf()));
        Assert.Same(AttachmentKind.Png, AttachmentInspector.Detect(SampleFiles.Png()));
        Assert.Same(AttachmentKind.Jpeg, AttachmentInspector.Detect(SampleFiles.Jpeg()));
        Assert.Same(AttachmentKind.Docx, AttachmentInspector.Detect(SampleFiles.Docx()));
    }

    [Fact]
    public void Detect_ExecutableTextAndEmpty_AreNotAllowed()
    {
        Assert.Null(AttachmentInspector.Detect(SampleFiles.Exe()));
        Assert.Null(AttachmentInspector.Detect(SampleFiles.Text()));
        Assert.Null(AttachmentInspector.Detect(Array.Empty<byte>()));
    }

    [Fact]
    public void Detect_ZipWithoutWordParts_IsNotADocx()
    {
        byte[] spreadsheet = SampleFiles.Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"));

        Assert.Null(AttachmentInspector.Detect(spreadsheet));
    }

    [Fact]
    public void Detect_TruncatedZip_IsNotADocxAndDoesNotThrow()
    {
        byte[] docx = SampleFiles.Docx();

        Assert.Null(AttachmentInspector.Detect(docx.AsMemory(0, docx.Length / 2)));
    }
}
