using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Testing;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Api.Cycles;

/// <summary>Starting a cycle refuses what would break or mislead, and keeps the admission reference date it was given.</summary>
[Collection("azurite")]
public sealed class CycleStartRulesTests(AzuriteFixture azurite)
{
    private static CancellationToken Timeout() => TestTimeout.For(TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Start_DueDatesGone_Is422NamingTheFirstAndStartsNothing()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, [new("Clock:Start", "2026-01-10T00:00:00Z"), new("Clock:Scale", "1")]);
        await SmallCity.ImportAsync(app, timeout);

        using HttpResponseMessage refused = await app.As(AppRoles.OrganizationBoard, SmallCity.Board, language: "en").PostAsJsonAsync("/api/cycles", SmallCity.Cycle(2025), timeout);
        JsonElement problem = await SmallCity.ReadJsonAsync(refused, timeout);
        JsonElement cycles = await app.As(AppRoles.Admin, null).GetFromJsonAsync<JsonElement>("/api/cycles", timeout);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(ProblemKind.TypeBase + "date-passed", problem.GetProperty("type").GetString());
        Assert.Equal("The cycle's due dates have passed", problem.GetProperty("title").GetString());
        Assert.Equal("dueDates.selfReview", problem.GetProperty("field").GetString());
        Assert.Contains("today is 2026-01-10", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(cycles.EnumerateArray());
        Assert.Null(await app.Services.GetRequiredService<CycleRegistry>().GetAsync("cycle-2025-hcm", timeout));
    }

    [Fact]
    public async Task Start_SelfReviewDateJustGone_StillStartsWhileTheMeetingsAreAhead()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, [new("Clock:Start", "2025-12-12T00:00:00Z"), new("Clock:Scale", "1")]);
        await SmallCity.ImportAsync(app, timeout);

        using HttpResponseMessage started = await app.As(AppRoles.OrganizationBoard, SmallCity.Board).PostAsJsonAsync("/api/cycles", SmallCity.Cycle(2025), timeout);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
    }

    [Fact]
    public async Task Start_AHundredKilobyteRootUnitId_Is400AtOnceWithoutEchoingIt()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, SmallCity.PinnedClock);
        await SmallCity.ImportAsync(app, timeout);
        using HttpClient board = app.As(AppRoles.OrganizationBoard, SmallCity.Board);
        Dictionary<string, object?> definition = SmallCity.Cycle(2025);
        definition["rootUnitId"] = new string('u', 100_000);

        using HttpResponseMessage body = await board.PostAsJsonAsync("/api/cycles", definition, timeout);
        using HttpResponseMessage route = await board.GetAsync($"/api/cycles/{new string('c', 5_000)}", timeout);
        using HttpResponseMessage unit = await board.GetAsync("/api/roster/units/q1%20%3Cscript%3E", timeout);
        string text = await body.Content.ReadAsStringAsync(timeout);
        JsonElement problem = JsonDocument.Parse(text).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, body.StatusCode);
        Assert.Equal(ApiProblem.ContentType, body.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ProblemKind.Validation.Type, problem.GetProperty("type").GetString());
        Assert.Equal("rootUnitId", problem.GetProperty("field").GetString());
        Assert.Equal("InvalidId", problem.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.True(text.Length < 2_000, $"the answer echoes the id: {text.Length} characters");
        await AssertBadIdAsync(route, "cycleId", timeout);
        await AssertBadIdAsync(unit, "unitId", timeout);
        Assert.Empty((await app.As(AppRoles.Admin, null).GetFromJsonAsync<JsonElement>("/api/cycles", timeout)).EnumerateArray());
    }

    [Fact]
    public async Task Start_YearNotANumber_NamesTheFieldAndNoDotNetType()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, SmallCity.PinnedClock);
        Dictionary<string, object?> definition = SmallCity.Cycle(2025);
        definition["year"] = "hai nghìn";

        using HttpResponseMessage vi = await app.As(AppRoles.Admin, null).PostAsJsonAsync("/api/cycles", definition, timeout);
        using HttpResponseMessage en = await app.As(AppRoles.Admin, null, language: "en").PostAsJsonAsync("/api/cycles", definition, timeout);
        string textVi = await vi.Content.ReadAsStringAsync(timeout);
        JsonElement problemEn = await SmallCity.ReadJsonAsync(en, timeout);

        Assert.Equal(HttpStatusCode.BadRequest, vi.StatusCode);
        Assert.DoesNotContain("System.", textVi, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", textVi, StringComparison.Ordinal);
        Assert.Contains("cần một số nguyên", textVi, StringComparison.Ordinal);
        Assert.Equal("year", problemEn.GetProperty("field").GetString());
        Assert.Equal("The value of year could not be read: expected a whole number.", problemEn.GetProperty("detail").GetString());
        Assert.Equal(("year", "InvalidValue"), (problemEn.GetProperty("errors")[0].GetProperty("field").GetString(), problemEn.GetProperty("errors")[0].GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Start_AdmissionReferenceDate_IsPinnedInTheCycle_AndDefaultsToTheRuleSetsYearEnd()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, SmallCity.PinnedClock);
        await SmallCity.ImportAsync(app, timeout);
        using HttpClient admin = app.As(AppRoles.Admin, null);
        Dictionary<string, object?> own = SmallCity.Cycle(2025, SmallCity.Q1);
        own["admissionReferenceDate"] = "2025-12-15";

        using HttpResponseMessage set = await admin.PostAsJsonAsync("/api/cycles", own, timeout);
        using HttpResponseMessage defaulted = await admin.PostAsJsonAsync("/api/cycles", SmallCity.Cycle(2025, SmallCity.Q2), timeout);
        var registry = app.Services.GetRequiredService<CycleRegistry>();

        Assert.Equal(HttpStatusCode.Accepted, set.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, defaulted.StatusCode);
        Assert.Equal(new DateOnly(2025, 12, 15), (await registry.GetAsync("cycle-2025-q1", timeout))!.AdmissionReferenceDate);
        Assert.Equal(new DateOnly(2025, 12, 31), (await registry.GetAsync("cycle-2025-q2", timeout))!.AdmissionReferenceDate);
    }

    [Fact]
    public async Task Starter_ARetryOfTheRequestThatStartedIt_IsStartedAndAnotherRequestIsNot()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, SmallCity.PinnedClock);
        await SmallCity.ImportAsync(app, timeout);
        var starter = app.Services.GetRequiredService<CycleStarter>();
        var definition = new AnnualReview.Assessment.Cycle.CycleDefinition(2025, SmallCity.Board, "QD366-2025",
            new AnnualReview.Assessment.Cycle.StepDueDates(new(2025, 12, 10), new(2025, 12, 18), new(2025, 12, 26), new(2025, 12, 31), new(2026, 2, 1)), new(2026, 2, 1));

        // As after a crash: the idempotency record is gone or in flight, and the same request runs the command again.
        CycleStartResult first = await starter.StartAsync(definition, null, new CommandRequest("api|board|k1", MayHaveRun: false), timeout);
        CycleStartResult retry = await starter.StartAsync(definition, null, new CommandRequest("api|board|k1", MayHaveRun: true), timeout);
        CycleStartResult other = await starter.StartAsync(definition, null, new CommandRequest("api|board|k2", MayHaveRun: false), timeout);
        CycleStartResult anonymous = await starter.StartAsync(definition, null, timeout);

        Assert.True(first.Started);
        Assert.True(retry.Started);
        Assert.Equal(first.CycleId, retry.CycleId);
        Assert.True(other.Exists);
        Assert.False(other.Started);
        Assert.Equal(CycleStartResult.ExistsCode, Assert.Single(other.Errors).Code);
        Assert.True(anonymous.Exists);
    }

    private static async Task AssertBadIdAsync(HttpResponseMessage response, string field, CancellationToken timeout)
    {
        JsonElement problem = await SmallCity.ReadJsonAsync(response, timeout);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal("InvalidId", problem.GetProperty("errors")[0].GetProperty("code").GetString());
    }
}
