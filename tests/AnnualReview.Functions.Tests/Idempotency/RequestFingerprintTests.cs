using System.Net.Http.Headers;
using System.Text;
using AnnualReview.Functions.Idempotency;
using Microsoft.AspNetCore.Http;

namespace AnnualReview.Functions.Tests.Idempotency;

public sealed class RequestFingerprintTests
{
    private static async Task<string> HashAsync(string path, HttpContent content)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = path;
        context.Request.ContentType = content.Headers.ContentType?.ToString();
        context.Request.Body = new MemoryStream(await content.ReadAsByteArrayAsync());
        return await RequestFingerprint.ComputeAsync(context.Request, CancellationToken.None);
    }

    private static MultipartFormDataContent Upload(string boundary, string fileText)
    {
        var form = new MultipartFormDataContent(boundary) { { new StringContent("Tôi tự đánh giá hoàn thành tốt."), "summary" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(fileText));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "attachment", "tu-kiem-diem.pdf");
        return form;
    }

    [Fact]
    public async Task Multipart_SameParts_WithAnotherBoundary_HashAlike()
    {
        string first = await HashAsync("/api/reviews/x", Upload("boundary-one", "%PDF-1.7 nội dung"));
        string second = await HashAsync("/api/reviews/x", Upload("boundary-two-different", "%PDF-1.7 nội dung"));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Multipart_AnotherFile_HashesDifferently()
    {
        string first = await HashAsync("/api/reviews/x", Upload("b", "%PDF-1.7 nội dung"));
        string second = await HashAsync("/api/reviews/x", Upload("b", "%PDF-1.7 nội dung khác"));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task SameBody_ToAnotherPath_HashesDifferently()
    {
        string first = await HashAsync("/api/roster/import", new StringContent("{}", Encoding.UTF8, "application/json"));
        string second = await HashAsync("/api/cycles", new StringContent("{}", Encoding.UTF8, "application/json"));
        string again = await HashAsync("/api/cycles", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.NotEqual(first, second);
        Assert.Equal(second, again);
    }
}
