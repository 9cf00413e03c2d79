using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AnnualReview.Functions.Idempotency;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Tests.Api;
using AnnualReview.Testing;
using AnnualReview.Workflows.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Idempotency;

[Collection("azurite")]
public sealed class IdempotencyMiddlewareTests(AzuriteFixture azurite)
{
    private static CancellationToken Timeout() => TestTimeout.For(TimeSpan.FromSeconds(60));

    private static HttpRequestMessage Import(string json, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/roster/import") { Content = SmallCity.JsonContent(json) };
        if (key is not null)
        {
            request.Headers.Add(IdempotencyOptions.Header, key);
        }

        return request;
    }

    [Fact]
    public async Task Retry_WithTheSameKeyAndBody_ReplaysTheFirstAnswerAndRunsNothing()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        using HttpClient board = app.As(AppRoles.OrganizationBoard, SmallCity.Board);
        var roster = app.Services.GetRequiredService<RosterStore>();

        using HttpResponseMessage first = await board.SendAsync(Import(SmallCity.Json(), "import-1"), timeout);
        string firstBody = await first.Content.ReadAsStringAsync(timeout);
        // Someone renames the board in between; a replay must not undo it.
        using HttpResponseMessage rename = await board.SendAsync(Import(SmallCity.Json("Thành ủy đổi tên"), null), timeout);
        using HttpResponseMessage retry = await board.SendAsync(Import(SmallCity.Json(), "import-1"), timeout);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains(IdempotencyOptions.ReplayedHeader));
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues(IdempotencyOptions.ReplayedHeader)));
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync(timeout));
        Assert.Equal("application/json", retry.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Thành ủy đổi tên", (await roster.GetUnitAsync(SmallCity.Board, timeout))!.Name);
    }

    [Fact]
    public async Task Reuse_OfAKeyForAnotherBody_Is422AndChangesNothing()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        using HttpClient board = app.As(AppRoles.OrganizationBoard, SmallCity.Board, language: "en");
        var roster = app.Services.GetRequiredService<RosterStore>();

        using HttpResponseMessage first = await board.SendAsync(Import(SmallCity.Json(), "import-2"), timeout);
        using HttpResponseMessage reused = await board.SendAsync(Import(SmallCity.Json("Thành ủy khác"), "import-2"), timeout);
        JsonElement problem = await SmallCity.ReadJsonAsync(reused, timeout);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal(ProblemKind.IdempotencyKeyReused.Type, problem.GetProperty("type").GetString());
        Assert.Equal(ProblemKind.IdempotencyKeyReused.TitleEn, problem.GetProperty("title").GetString());
        Assert.Equal(IdempotencyOptions.Header, problem.GetProperty("field").GetString());
        Assert.Equal("Thành ủy TP.HCM", (await roster.GetUnitAsync(SmallCity.Board, timeout))!.Name);
    }

    [Fact]
    public async Task CycleStart_RetriedWithItsKey_ReplaysTheAcceptedAnswerWithItsLocation()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, SmallCity.PinnedClock);
        await SmallCity.ImportAsync(app, timeout);
        using HttpClient board = app.As(AppRoles.OrganizationBoard, SmallCity.Board);
        HttpRequestMessage Start()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/cycles") { Content = JsonContent.Create(SmallCity.Cycle(2025)) };
            request.Headers.Add(IdempotencyOptions.Header, "start-2025");
            return request;
        }

        using HttpResponseMessage first = await board.SendAsync(Start(), timeout);
        using HttpResponseMessage retry = await board.SendAsync(Start(), timeout);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.True(retry.Headers.Contains(IdempotencyOptions.ReplayedHeader));
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(timeout), await retry.Content.ReadAsStringAsync(timeout));
    }

    [Fact]
    public async Task Refusal_IsKeptToo_SoARetryOfABadRequestGetsTheSameProblem()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        using HttpClient board = app.As(AppRoles.OrganizationBoard, SmallCity.Board);

        using HttpResponseMessage first = await board.SendAsync(Import("{ \"units\": [", "bad-1"), timeout);
        using HttpResponseMessage retry = await board.SendAsync(Import("{ \"units\": [", "bad-1"), timeout);

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, retry.StatusCode);
        Assert.True(retry.Headers.Contains(IdempotencyOptions.ReplayedHeader));
        Assert.Equal(ApiProblem.ContentType, retry.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Keys_ArePerCaller_SoAnotherCallersSameKeyRunsItsOwnRequest()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);

        using HttpResponseMessage admin = await app.As(AppRoles.Admin, null).SendAsync(Import(SmallCity.Json(), "shared"), timeout);
        using HttpResponseMessage board = await app.As(AppRoles.OrganizationBoard, SmallCity.Board).SendAsync(Import(SmallCity.Json("Thành ủy của ban"), "shared"), timeout);

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        Assert.False(board.Headers.Contains(IdempotencyOptions.ReplayedHeader));
        Assert.Equal(1, (await SmallCity.ReadJsonAsync(board, timeout)).GetProperty("unitsChanged").GetInt32());
    }

    [Fact]
    public async Task Duplicate_OfARequestStillRunning_Is409()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        var store = app.Services.GetRequiredService<IdempotencyStore>();
        string json = SmallCity.Json();
        string subject = $"{AppRoles.OrganizationBoard.ToLowerInvariant()}@{SmallCity.Board}";
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        await store.TryClaimAsync(IdempotencyStore.PartitionFor(subject, "running"), subject, "running",
            new IdempotencyRecord(await HashOfImportAsync(json, timeout), false, now, now.AddHours(1)), timeout);

        using HttpResponseMessage duplicate = await app.As(AppRoles.OrganizationBoard, SmallCity.Board).SendAsync(Import(json, "running"), timeout);
        var roster = app.Services.GetRequiredService<RosterStore>();

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(ProblemKind.IdempotencyInProgress.Type, (await SmallCity.ReadJsonAsync(duplicate, timeout)).GetProperty("type").GetString());
        Assert.Null(await roster.GetUnitAsync(SmallCity.Board, timeout));
    }

    [Fact]
    public async Task ExpiredKey_RunsTheNewRequestInsteadOfRefusingIt()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        var store = app.Services.GetRequiredService<IdempotencyStore>();
        string subject = $"{AppRoles.OrganizationBoard.ToLowerInvariant()}@{SmallCity.Board}";
        DateTimeOffset longAgo = TimeProvider.System.GetUtcNow().AddDays(-2);
        await store.TryClaimAsync(IdempotencyStore.PartitionFor(subject, "old"), subject, "old",
            new IdempotencyRecord("an-old-request", true, longAgo, longAgo.AddHours(24)) { Status = 200 }, timeout);

        using HttpResponseMessage response = await app.As(AppRoles.OrganizationBoard, SmallCity.Board).SendAsync(Import(SmallCity.Json(), "old"), timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(IdempotencyOptions.ReplayedHeader));
        Assert.Equal(7, (await SmallCity.ReadJsonAsync(response, timeout)).GetProperty("unitsAdded").GetInt32());
    }

    [Fact]
    public async Task OverlongKey_IsAValidationProblemOnTheHeader()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);

        using HttpResponseMessage response = await app.As(AppRoles.Admin, null).SendAsync(Import(SmallCity.Json(), new string('k', IdempotencyOptions.MaxKeyLength + 1)), timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(IdempotencyOptions.Header, (await SmallCity.ReadJsonAsync(response, timeout)).GetProperty("field").GetString());
    }

    private static async Task<string> HashOfImportAsync(string json, CancellationToken cancellation)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/api/roster/import";
        context.Request.ContentType = "application/json; charset=utf-8";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return await RequestFingerprint.ComputeAsync(context.Request, cancellation);
    }
}
