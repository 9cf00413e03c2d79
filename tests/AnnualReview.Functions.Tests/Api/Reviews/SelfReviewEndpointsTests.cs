using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Tests.Api.Attachments;
using AnnualReview.Testing;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;
using Microsoft.DurableTask.Client;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using static AnnualReview.Functions.Tests.Api.Reviews.ReviewWorld;

namespace AnnualReview.Functions.Tests.Api.Reviews;

/// <summary>Self-reviews over HTTP: attachments judged by content, limits, versions, downloads and who may read them.</summary>
[Collection("azurite")]
public sealed class SelfReviewEndpointsTests(AzuriteFixture azurite, ReviewWorldFixture fixture) : IClassFixture<ReviewWorldFixture>
{
    private static string PathOf(string memberId) => $"/api/cycles/{CycleId}/members/{memberId}/self-review";

    [Fact]
    public async Task Submit_PngNamedPdf_IsKeptAsPngUnderASanitizedNameAndDownloadsUnchanged()
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient member = world.As(AppRoles.Member, Cell, "m01");
        byte[] png = SampleFiles.Png();

        using HttpResponseMessage response = await member.PostAsync(PathOf("m01"), SelfReview("Good", ("../../anh\u0007-the.pdf", png, "application/pdf")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement version = await response.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement attachment = version.GetProperty("attachments")[0];
        Assert.Equal("anh-the.png", attachment.GetProperty("fileName").GetString());
        Assert.Equal("image/png", attachment.GetProperty("contentType").GetString());
        string sha = Convert.ToHexStringLower(SHA256.HashData(png));
        Assert.Equal(sha, attachment.GetProperty("sha256").GetString());

        using HttpResponseMessage download = await member.GetAsync($"{PathOf("m01")}/attachments/{sha}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("exe")]
    [InlineData("text")]
    public async Task Submit_ExecutableOrTextNamedPdf_Is415AndStoresNothing(string kind)
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient member = world.As(AppRoles.Member, Cell, "m02");
        byte[] bad = kind == "exe" ? SampleFiles.Exe() : SampleFiles.Text();

        // A good PDF first: it must not be stored either, since the request as a whole is refused.
        using HttpResponseMessage response = await member.PostAsync(PathOf("m02"),
            SelfReview("Good", ("ban-kiem-diem.pdf", SampleFiles.Pdf(), "application/pdf"), ("phu-luc.pdf", bad, "application/pdf")));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-attachment", "attachments[1]");
        await AssertNothingStoredAsync(world, member, "m02");
    }

    [Fact]
    public async Task Submit_ElevenMegabyteFile_Is413AndStoresNothing()
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient member = world.As(AppRoles.Member, Cell, "m03");

        using HttpResponseMessage response = await member.PostAsync(PathOf("m03"),
            SelfReview("Good", ("scan.pdf", SampleFiles.Pdf(), "application/pdf"), ("big.png", SampleFiles.PngOfSize(11 * 1024 * 1024), "image/png")));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large", "attachments[1]");
        await AssertNothingStoredAsync(world, member, "m03");
    }

    [Fact]
    public async Task Submit_FourEightMegabyteScans_PassTheServersDefaultLimitThroughTheEndpointsOwn()
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient member = world.As(AppRoles.Member, OtherCell, "n01");
        var scans = Enumerable.Range(1, 4).Select(i =>
        {
            byte[] scan = SampleFiles.PngOfSize(8 * 1024 * 1024);
            scan[^1] = (byte)i;
            return ($"trang-{i}.png", scan, "image/png");
        }).ToArray();

        using HttpResponseMessage response = await member.PostAsync(PathOf("n01"), SelfReview("Good", scans));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement version = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, version.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("sha256").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Submit_SixFiles_Is413AndStoresNothing()
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient member = world.As(AppRoles.Member, OtherCell, "n02");
        var files = Enumerable.Range(1, 6).Select(i => ($"{i}.pdf", SampleFiles.Pdf(), "application/pdf")).ToArray();

        using HttpResponseMessage response = await member.PostAsync(PathOf("n02"), SelfReview("Good", files));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large", "attachments");
        await AssertNothingStoredAsync(world, member, "n02");
    }

    [Fact]
    public async Task Submit_DocxBuiltInMemory_IsAcceptedAsDocx()
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient member = world.As(AppRoles.Member, Cell, "m04");

        using HttpResponseMessage response = await member.PostAsync(PathOf("m04"),
            SelfReview("Excellent", ("Bản kiểm điểm.docx", SampleFiles.Docx(), "application/octet-stream")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement attachment = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attachments")[0];
        Assert.Equal("Bản kiểm điểm.docx", attachment.GetProperty("fileName").GetString());
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", attachment.GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task Resubmit_KeepsEveryVersionAndReadersInScopeSeeThem()
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient member = world.As(AppRoles.Member, Cell, "m05");

        using HttpResponseMessage first = await member.PostAsync(PathOf("m05"), SelfReview("Good", ("a.jpg", SampleFiles.Jpeg(), "image/jpeg")));
        using HttpResponseMessage second = await member.PostAsync(PathOf("m05"), SelfReview("Excellent"));

        Assert.Equal(1, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(2, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        foreach (HttpClient reader in new[] { member, world.As(AppRoles.CellSecretary, Cell, "m01"), world.As(AppRoles.Auditor, Committee) })
        {
            JsonElement history = await reader.GetFromJsonAsync<JsonElement>(PathOf("m05"));
            JsonElement[] versions = [.. history.GetProperty("versions").EnumerateArray()];
            Assert.Equal([1, 2], versions.Select(v => v.GetProperty("version").GetInt32()));
            Assert.Equal(["Good", "Excellent"], versions.Select(v => v.GetProperty("selfRating").GetString()));
            Assert.Equal("a.jpg", versions[0].GetProperty("attachments")[0].GetProperty("fileName").GetString());
            Assert.Equal("Hoàn thành tốt nhiệm vụ được giao.", versions[1].GetProperty("sections").GetProperty("A.I").GetString());
        }
    }

    [Theory]
    [InlineData(AppRoles.Member, Cell, "m02")]
    [InlineData(AppRoles.CellSecretary, OtherCell, "n01")]
    [InlineData(AppRoles.Committee, OtherCommittee, null)]
    [InlineData(AppRoles.Auditor, OtherGrassroots, null)]
    public async Task Read_OtherMemberOrOutsideTheSubtree_Is403(string role, string unit, string? memberId)
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient reader = world.As(role, unit, memberId);

        using HttpResponseMessage list = await reader.GetAsync(PathOf("m05"));
        using HttpResponseMessage download = await reader.GetAsync($"{PathOf("m05")}/attachments/{new string('0', 64)}");

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
    }

    [Theory]
    [InlineData(null, "Dữ liệu không hợp lệ", "Chưa viết mục A.II")]
    [InlineData("en", "The request is not valid", "Section A.II")]
    [InlineData("vi, en;q=0.5", "Dữ liệu không hợp lệ", "Chưa viết mục A.II")]
    public async Task Submit_MissingSection_Is400WithTheFieldInTheCallersLanguage(string? language, string title, string message)
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient member = world.As(AppRoles.Member, Cell, "m06", language);
        Dictionary<string, string> sections = Sections();
        sections.Remove("A.II");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(sections)), "sections" },
            { new StringContent("Good"), "selfRating" },
        };

        using HttpResponseMessage response = await member.PostAsync(PathOf("m06"), form);

        JsonElement problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation", "sections.A.II");
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.StartsWith(message, problem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(world, member, "m06");
    }

    [Fact]
    public async Task Submit_OneFieldPerSection_IsAccepted()
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient member = world.As(AppRoles.Member, OtherCell, "n03");
        using var form = new MultipartFormDataContent { { new StringContent("Completed"), "selfRating" } };
        foreach (var (code, text) in Sections())
        {
            form.Add(new StringContent(text), $"sections[{code}]");
        }

        using HttpResponseMessage response = await member.PostAsync(PathOf("n03"), form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement version = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("02B", version.GetProperty("form").GetString());
        Assert.Equal("Completed", version.GetProperty("selfRating").GetString());
        Assert.Equal(4, version.GetProperty("sections").EnumerateObject().Count());
    }

    /// <summary>Admitted in September: reviewed (the self-review is taken) but not rated, so the cell awaits no level for him.</summary>
    [Fact]
    public async Task Submit_MemberAdmittedUnderSixMonths_IsTakenAndTheCellDoesNotRateHim()
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient member = world.As(AppRoles.Member, OtherCell, NewMember);
        var client = world.App.Services.GetRequiredService<DurableTaskClient>();
        string cell = CycleInstanceIds.Unit(CycleId, OtherCell);
        DateTimeOffset before = (await client.GetInstanceAsync(cell))!.LastUpdatedAt;

        using HttpResponseMessage response = await member.PostAsync(PathOf(NewMember), SelfReview("Good"));
        JsonElement history = await member.GetFromJsonAsync<JsonElement>(PathOf(NewMember));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, history.GetProperty("versions").GetArrayLength());

        // The cell's orchestration took the event without refusing it, and still counts him as not rated.
        await WaitUntilAsync(async () => (await client.GetInstanceAsync(cell))!.LastUpdatedAt > before, TestTimeout.For(TimeSpan.FromSeconds(30)));
        JsonElement status = (await world.StatusAsync(OtherCell, CancellationToken.None))!.Value;
        Assert.DoesNotContain(status.GetProperty("refusals").EnumerateArray(), r => r.GetString()!.Contains(NewMember, StringComparison.Ordinal));
        Assert.Equal(2, status.GetProperty("notRated").GetInt32());
    }

    [Theory]
    [InlineData(null, "không thuộc diện kiểm điểm năm nay (miễn hoặc đình chỉ sinh hoạt đảng)")]
    [InlineData("en", "not reviewed this year (exempt from or suspended from party activities)")]
    public async Task Submit_ExemptMember_Is409InTheCallersLanguageAndStoresNothing(string? language, string message)
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient member = world.As(AppRoles.Member, OtherCell, ExemptMember, language);

        using HttpResponseMessage response = await member.PostAsync(PathOf(ExemptMember), SelfReview("Good"));

        JsonElement problem = await AssertProblemAsync(response, HttpStatusCode.Conflict, "conflict", "memberId");
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(world, member, ExemptMember);
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string slug, string field)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("https://annualreview.vn/problems/" + slug, problem.GetProperty("type").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        return problem;
    }

    private static async Task AssertNothingStoredAsync(ReviewWorld world, HttpClient member, string memberId)
    {
        JsonElement history = await member.GetFromJsonAsync<JsonElement>(PathOf(memberId));
        Assert.Equal(0, history.GetProperty("versions").GetArrayLength());
        AssessmentStorage storage = world.App.Services.GetRequiredService<AssessmentStorage>();
        var blobs = new List<BlobItem>();
        await foreach (BlobItem blob in storage.Attachments.GetBlobsAsync(BlobTraits.None, BlobStates.None, NotificationOutbox.Key(CycleId + "|" + memberId), CancellationToken.None))
        {
            blobs.Add(blob);
        }

        Assert.Empty(blobs);
    }
}
