using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using AnnualReview.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Management;

[Collection("azurite")]
public sealed class ManagementEndpointsTests(AzuriteFixture azurite)
{
    private const string Root = "/runtime/webhooks/durabletask";

    internal static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<JsonElement, string>("AwaitApproval", async (ctx, input) =>
        {
            string who = await ctx.WaitForExternalEvent<string>("Approve");
            return $"{input.GetProperty("cell").GetString()} approved by {who}";
        })
        .AddOrchestratorFunc<string, string>("Echo", (_, input) => Task.FromResult(input));

    internal static HttpClient WithKey(TestApp app)
    {
        HttpClient http = app.Anonymous("en");
        http.DefaultRequestHeaders.Add("x-functions-key", TestApp.ManagementKey);
        return http;
    }

    private static async Task<JsonElement> StatusWhenAsync(HttpClient http, string id, string status, CancellationToken timeout, string query = "")
    {
        while (true)
        {
            JsonElement body = await http.GetFromJsonAsync<JsonElement>($"{Root}/instances/{id}{query}", timeout);
            if (body.GetProperty("runtimeStatus").GetString() == status)
            {
                return body;
            }

            await Task.Delay(100, timeout);
        }
    }

    private static async Task<string> StartAsync(HttpClient http, string function, object input, CancellationToken timeout, string? id = null)
    {
        using HttpResponseMessage started = await http.PostAsJsonAsync($"{Root}/orchestrators/{function}{(id is null ? "" : "/" + id)}", input, timeout);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        return (await started.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Start_Status_RaiseEvent_Purge_FollowDurableFunctionsShapes()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, register: Register);
        using HttpClient http = WithKey(app);

        using HttpResponseMessage started = await http.PostAsJsonAsync($"{Root}/orchestrators/AwaitApproval/approval-1", new { cell = "Chi bộ 3" }, timeout);
        JsonElement links = await started.Content.ReadFromJsonAsync<JsonElement>(timeout);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("approval-1", links.GetProperty("id").GetString());
        string statusUri = links.GetProperty("statusQueryGetUri").GetString()!;
        Assert.Equal(statusUri, started.Headers.Location!.ToString());
        Assert.StartsWith($"{app.BaseAddress.ToString().TrimEnd('/')}{Root}/instances/approval-1?taskHub={app.TaskHub}&connection=Storage&code={TestApp.ManagementKey}", statusUri, StringComparison.Ordinal);
        Assert.Contains("/raiseEvent/{eventName}?", links.GetProperty("sendEventPostUri").GetString(), StringComparison.Ordinal);
        Assert.Contains("/terminate?reason={text}&", links.GetProperty("terminatePostUri").GetString(), StringComparison.Ordinal);
        Assert.Contains("/suspend?reason={text}&", links.GetProperty("suspendPostUri").GetString(), StringComparison.Ordinal);
        Assert.Contains("/resume?reason={text}&", links.GetProperty("resumePostUri").GetString(), StringComparison.Ordinal);
        Assert.Equal(statusUri, links.GetProperty("purgeHistoryDeleteUri").GetString());

        JsonElement running = await StatusWhenAsync(http, "approval-1", "Running", timeout);
        using HttpResponseMessage inProgress = await http.GetAsync(statusUri, timeout);
        Assert.Equal(HttpStatusCode.Accepted, inProgress.StatusCode);
        Assert.NotNull(inProgress.Headers.Location);
        Assert.Equal("AwaitApproval", running.GetProperty("name").GetString());
        Assert.Equal("approval-1", running.GetProperty("instanceId").GetString());
        Assert.Equal("Chi bộ 3", running.GetProperty("input").GetProperty("cell").GetString());
        Assert.Equal(JsonValueKind.Null, running.GetProperty("output").ValueKind);
        Assert.True(running.TryGetProperty("customStatus", out _));
        Assert.True(DateTimeOffset.TryParse(running.GetProperty("createdTime").GetString(), out _));
        Assert.True(DateTimeOffset.TryParse(running.GetProperty("lastUpdatedTime").GetString(), out _));

        using HttpResponseMessage raised = await http.PostAsJsonAsync($"{Root}/instances/approval-1/raiseEvent/Approve", "Bí thư", timeout);
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        JsonElement done = await StatusWhenAsync(http, "approval-1", "Completed", timeout, "?showHistory=true&showHistoryOutput=true&showInput=false");
        using HttpResponseMessage completed = await http.GetAsync($"{Root}/instances/approval-1", timeout);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("Chi bộ 3 approved by Bí thư", done.GetProperty("output").GetString());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("input").ValueKind);
        string[] events = [.. done.GetProperty("historyEvents").EnumerateArray().Select(e => e.GetProperty("EventType").GetString()!)];
        Assert.Equal("ExecutionStarted", events[0]);
        Assert.Contains("EventRaised", events);
        Assert.Equal("ExecutionCompleted", events[^1]);
        Assert.Equal("Chi bộ 3 approved by Bí thư", done.GetProperty("historyEvents")[events.Length - 1].GetProperty("Result").GetString());

        using HttpResponseMessage late = await http.PostAsJsonAsync($"{Root}/instances/approval-1/raiseEvent/Approve", "again", timeout);
        using HttpResponseMessage lateTerminate = await http.PostAsync($"{Root}/instances/approval-1/terminate?reason=x", null, timeout);
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, lateTerminate.StatusCode);
        Assert.Equal("application/problem+json", late.Content.Headers.ContentType!.MediaType);

        using HttpResponseMessage purged = await http.DeleteAsync($"{Root}/instances/approval-1", timeout);
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(1, (await purged.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("instancesDeleted").GetInt32());
        using HttpResponseMessage gone = await http.GetAsync($"{Root}/instances/approval-1", timeout);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task UnknownInstance_IsNotFoundForEveryVerb()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, register: Register);
        using HttpClient http = WithKey(app);

        HttpResponseMessage[] answers =
        [
            await http.GetAsync($"{Root}/instances/nobody", timeout),
            await http.PostAsJsonAsync($"{Root}/instances/nobody/raiseEvent/Approve", "x", timeout),
            await http.PostAsync($"{Root}/instances/nobody/terminate", null, timeout),
            await http.PostAsync($"{Root}/instances/nobody/suspend", null, timeout),
            await http.PostAsync($"{Root}/instances/nobody/resume", null, timeout),
            await http.DeleteAsync($"{Root}/instances/nobody", timeout),
        ];

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
        JsonElement problem = await answers[0].Content.ReadFromJsonAsync<JsonElement>(timeout);
        Assert.Equal("https://annualreview.vn/problems/not-found", problem.GetProperty("type").GetString());
        Assert.Equal("instanceId", problem.GetProperty("field").GetString());
        foreach (HttpResponseMessage answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task BadInput_IsProblemJsonNamingTheField_AndStartsNothing()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, register: Register);
        using HttpClient http = WithKey(app);

        using HttpResponseMessage unknownFunction = await http.PostAsJsonAsync($"{Root}/orchestrators/NoSuchThing", "x", timeout);
        using HttpResponseMessage malformed = await http.PostAsync($"{Root}/orchestrators/Echo/bad-body", new StringContent("{not json", Encoding.UTF8, "application/json"), timeout);
        using HttpResponseMessage badId = await http.PostAsJsonAsync($"{Root}/orchestrators/Echo/a%23b", "x", timeout);
        using HttpResponseMessage badStatus = await http.GetAsync($"{Root}/instances?runtimeStatus=Running,Sleeping", timeout);
        using HttpResponseMessage badTime = await http.GetAsync($"{Root}/instances?createdTimeFrom=yesterday", timeout);
        using HttpResponseMessage badTop = await http.GetAsync($"{Root}/instances?top=0", timeout);
        using HttpResponseMessage purgeAll = await http.DeleteAsync($"{Root}/instances", timeout);
        using HttpResponseMessage badFlag = await http.GetAsync($"{Root}/instances/x?showHistory=maybe", timeout);

        await AssertProblem(unknownFunction, HttpStatusCode.NotFound, "functionName");
        await AssertProblem(malformed, HttpStatusCode.BadRequest, "body");
        await AssertProblem(badId, HttpStatusCode.BadRequest, "instanceId");
        await AssertProblem(badStatus, HttpStatusCode.BadRequest, "runtimeStatus");
        await AssertProblem(badTime, HttpStatusCode.BadRequest, "createdTimeFrom");
        await AssertProblem(badTop, HttpStatusCode.BadRequest, "top");
        await AssertProblem(purgeAll, HttpStatusCode.BadRequest, "createdTimeFrom");
        await AssertProblem(badFlag, HttpStatusCode.BadRequest, "showHistory");
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        Assert.Null(await client.GetInstanceAsync("bad-body", cancellation: timeout));
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, body.GetProperty("field").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task StartingAnExistingId_IsAConflict()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, register: Register);
        using HttpClient http = WithKey(app);
        await StartAsync(http, "Echo", "một", timeout, "echo-1");

        using HttpResponseMessage again = await http.PostAsJsonAsync($"{Root}/orchestrators/Echo/echo-1", "hai", timeout);

        await AssertProblem(again, HttpStatusCode.Conflict, "instanceId");
    }

    [Fact]
    public async Task Terminate_Suspend_Resume_ChangeTheRuntimeStatus()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, register: Register);
        using HttpClient http = WithKey(app);
        string id = await StartAsync(http, "AwaitApproval", new { cell = "C1" }, timeout);
        await StatusWhenAsync(http, id, "Running", timeout);

        using HttpResponseMessage suspend = await http.PostAsync($"{Root}/instances/{id}/suspend?reason=audit", null, timeout);
        await StatusWhenAsync(http, id, "Suspended", timeout);
        using HttpResponseMessage resume = await http.PostAsync($"{Root}/instances/{id}/resume?reason=done", null, timeout);
        await StatusWhenAsync(http, id, "Running", timeout);
        using HttpResponseMessage stillRunning = await http.DeleteAsync($"{Root}/instances/{id}", timeout);
        using HttpResponseMessage terminate = await http.PostAsync($"{Root}/instances/{id}/terminate?reason=sai%20chi%20b%E1%BB%99", null, timeout);
        JsonElement terminated = await StatusWhenAsync(http, id, "Terminated", timeout);

        Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stillRunning.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        Assert.Equal("sai chi bộ", terminated.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Restart_StartsTheSameOrchestratorWithTheSameInput()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, register: Register);
        using HttpClient http = WithKey(app);
        string id = await StartAsync(http, "Echo", "lần đầu", timeout);
        await StatusWhenAsync(http, id, "Completed", timeout);

        using HttpResponseMessage restarted = await http.PostAsync($"{Root}/instances/{id}/restart", null, timeout);
        string again = (await restarted.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("id").GetString()!;
        JsonElement done = await StatusWhenAsync(http, again, "Completed", timeout);

        Assert.Equal(HttpStatusCode.Accepted, restarted.StatusCode);
        Assert.NotEqual(id, again);
        Assert.Equal("lần đầu", done.GetProperty("output").GetString());
    }

    [Fact]
    public async Task List_FiltersAndPagesWithTheContinuationHeader_AndPurgeByFilterCounts()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, register: Register);
        using HttpClient http = WithKey(app);
        DateTimeOffset before = DateTimeOffset.UtcNow.AddMinutes(-1);
        foreach (string n in new[] { "1", "2", "3" })
        {
            await StartAsync(http, "Echo", "xin chào " + n, timeout, "batch-" + n);
        }

        string waiting = await StartAsync(http, "AwaitApproval", new { cell = "C9" }, timeout, "other-1");
        foreach (string n in new[] { "1", "2", "3" })
        {
            await StatusWhenAsync(http, "batch-" + n, "Completed", timeout);
        }

        await StatusWhenAsync(http, waiting, "Running", timeout);

        using HttpResponseMessage first = await http.GetAsync($"{Root}/instances?instanceIdPrefix=batch-&top=2&showInput=true", timeout);
        JsonElement firstPage = await first.Content.ReadFromJsonAsync<JsonElement>(timeout);
        string token = first.Headers.GetValues("x-ms-continuation-token").Single();
        using var next = new HttpRequestMessage(HttpMethod.Get, $"{Root}/instances?instanceIdPrefix=batch-&top=2");
        next.Headers.Add("x-ms-continuation-token", token);
        using HttpResponseMessage second = await http.SendAsync(next, timeout);
        JsonElement secondPage = await second.Content.ReadFromJsonAsync<JsonElement>(timeout);
        JsonElement running = await http.GetFromJsonAsync<JsonElement>($"{Root}/instances?runtimeStatus=Running,Pending", timeout);

        Assert.Equal(2, firstPage.GetArrayLength());
        Assert.Equal(1, secondPage.GetArrayLength());
        Assert.False(second.Headers.Contains("x-ms-continuation-token"));
        Assert.StartsWith("xin chào", firstPage[0].GetProperty("input").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("xin chào", secondPage[0].GetProperty("output").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, secondPage[0].GetProperty("input").ValueKind);
        Assert.Equal(["other-1"], running.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()));

        string from = Uri.EscapeDataString(before.ToString("O"));
        using HttpResponseMessage purged = await http.DeleteAsync($"{Root}/instances?createdTimeFrom={from}&runtimeStatus=Completed", timeout);
        using HttpResponseMessage nothingLeft = await http.DeleteAsync($"{Root}/instances?createdTimeFrom={from}&runtimeStatus=Completed", timeout);
        JsonElement remaining = await http.GetFromJsonAsync<JsonElement>($"{Root}/instances", timeout);

        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(3, (await purged.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, nothingLeft.StatusCode);
        Assert.Equal(["other-1"], remaining.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()));
    }
}
