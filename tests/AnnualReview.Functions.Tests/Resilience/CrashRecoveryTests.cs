using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Tests.Api.Audit;
using AnnualReview.Functions.Tests.Api.Reviews;
using AnnualReview.Testing;
using Microsoft.Extensions.Configuration;

namespace AnnualReview.Functions.Tests.Resilience;

/// <summary>
/// The standalone host killed with SIGKILL again and again during a whole cycle, and started again on the same
/// Azurite, while people's clients keep sending with their Idempotency-Key: every submission, vote, decision,
/// notification and audit row is there exactly once, and the cycle completes.
/// </summary>
[Collection("azurite")]
public sealed class CrashRecoveryTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string Board = "hcm";
    private static readonly string[] Committees = ["q1", "q2"];
    private static readonly string[] Cells = ["q1-g1-c1", "q1-g1-c2", "q2-g1-c1", "q2-g1-c2"];
    private const int MembersPerCell = 5;
    private const int MinimumKills = 7;

    /// <summary>
    /// Kills stop after this many, so the cycle can finish on a slow machine: when a start takes longer than the
    /// gap between kills, a killer without end would keep the engine from ever holding its partitions long enough.
    /// </summary>
    private const int MaximumKills = 12;

    [Fact]
    public async Task WholeCycle_WithTheHostKilledAgainAndAgain_EveryWriteHappensOnce_AndTheCycleCompletes()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(8));
        await using var app = new AppProcess(Settings());
        await app.StartAsync(timeout);
        var tokens = new DevelopmentTokens(SecuritySettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:DevelopmentSigningKey"] = TestApp.SigningKey }).Build()));
        int retries = 0;
        RetryingClient As(string role, string unit, string? member = null)
            => new(app.BaseAddress, tokens.Mint(member ?? $"{role}@{unit}", member ?? role, [role], unit, member), () => Interlocked.Increment(ref retries));

        using RetryingClient admin = As(AppRoles.Admin, Board);
        using RetryingClient board = As(AppRoles.OrganizationBoard, Board);
        using RetryingClient auditor = As(AppRoles.Auditor, Board);
        await ExpectAsync(HttpStatusCode.OK, admin.SendAsync(() => Post("/api/roster/import", Json(Roster())), timeout));

        using var killing = new CancellationTokenSource();
        using var cycleDone = new CancellationTokenSource();
        using var flow = CancellationTokenSource.CreateLinkedTokenSource(timeout);
        Task killer = KillAgainAndAgainAsync(app, cycleDone.Token, killing.Token);

        // A start that never becomes ready fails the killer; stop the people's clients too, so the test ends with
        // the killer's reason (and the app's log) instead of their retries running into the overall timeout.
        _ = killer.ContinueWith(_ => flow.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        CancellationToken overall = timeout;
        timeout = flow.Token;
        string cycleId;
        int actions = 0;
        try
        {
            HttpResponseMessage started = await ExpectAsync(HttpStatusCode.Accepted, board.SendAsync(() => Post("/api/cycles", Json(Definition())), timeout));
            cycleId = (await started.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("id").GetString()!;
            actions++;
            foreach (string cell in Cells)
            {
                await WaitForStageAsync(auditor, cycleId, cell, "self-review", timeout);
            }

            // Every member submits, five at a time.
            foreach (string[] batch in Members().Chunk(5))
            {
                await Task.WhenAll(batch.Select(async member =>
                {
                    using RetryingClient client = As(AppRoles.Member, CellOf(member), member);
                    await ExpectAsync(HttpStatusCode.Created, client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/api/cycles/{cycleId}/members/{member}/self-review") { Content = ReviewWorld.SelfReview("Good") }, timeout));
                }));
            }

            actions += Members().Count();

            // Each cell: its collective review, the meeting opened and recorded (every member voted Good by all five).
            await Task.WhenAll(Cells.Select(async cell =>
            {
                using RetryingClient secretary = As(AppRoles.CellSecretary, cell, MembersOf(cell)[0]);
                string path = $"/api/cycles/{cycleId}/cells/{cell}";
                await ExpectAsync(HttpStatusCode.Created, secretary.SendAsync(() => Post($"{path}/collective-review", Json(new { sections = new Dictionary<string, string> { ["A.I"] = "Chi bộ hoàn thành tốt nhiệm vụ." } })), timeout));
                // Open now (200), or accepted and opening (202) when the cell is slow to take the event.
                await ExpectAsync([HttpStatusCode.OK, HttpStatusCode.Accepted], secretary.SendAsync(() => Post($"{path}/meeting/open", null), timeout));
                await ExpectAsync(HttpStatusCode.Accepted, secretary.SendAsync(() => Post($"{path}/meeting", Json(new
                {
                    fullMembersConvened = MembersPerCell,
                    fullMembersPresent = MembersPerCell,
                    secretBallot = true,
                    tallies = MembersOf(cell).Select(m => new { memberId = m, votes = new Dictionary<string, int> { ["Good"] = MembersPerCell } }),
                })), timeout));
            }));
            actions += 3 * Cells.Length;

            // Each committee appraises its grassroots organization and rates it; then the board rates the committees.
            await Task.WhenAll(Committees.Select(async committee =>
            {
                string grassroots = committee + "-g1";
                using RetryingClient client = As(AppRoles.Committee, committee);
                await WaitForStageAsync(auditor, cycleId, grassroots, "appraisal", timeout);
                var cellLevels = Cells.Where(c => c.StartsWith(grassroots, StringComparison.Ordinal)).ToDictionary(c => c, _ => "Good");
                await ExpectAsync(HttpStatusCode.Accepted, client.SendAsync(() => Post($"/api/cycles/{cycleId}/organizations/{grassroots}/appraisal", Json(new { cellLevels, finalize = true })), timeout));
                await WaitForStageAsync(auditor, cycleId, committee, "rating-organizations", timeout);
                await ExpectAsync(HttpStatusCode.Accepted, client.SendAsync(() => Post($"/api/cycles/{cycleId}/committees/{committee}/organization-ratings", Json(new { levels = new Dictionary<string, string> { [grassroots] = "Good" } })), timeout));
            }));
            await WaitForStageAsync(auditor, cycleId, Board, "rating-organizations", timeout);
            await ExpectAsync(HttpStatusCode.Accepted, board.SendAsync(() => Post($"/api/cycles/{cycleId}/committees/{Board}/organization-ratings", Json(new { levels = Committees.ToDictionary(c => c, _ => "Good") })), timeout));
            actions += 2 * Committees.Length + 1;

            await WaitForCompletedAsync(auditor, cycleId, timeout);
        }
        catch (Exception) when (!killer.IsFaulted)
        {
            output.WriteLine($"The app's last lines:\n{app.Log}");
            using (var reading = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                await WriteUnitStatusesAsync(auditor, reading.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            killing.Cancel();
            throw;
        }
        finally
        {
            cycleDone.Cancel();
            if (!killing.IsCancellationRequested || killer.IsFaulted)
            {
                await killer.WaitAsync(overall);
            }
        }

        timeout = overall;

        output.WriteLine($"{app.Kills} kills, {app.Starts} starts, {actions} actions, {retries} retried sends.");
        Assert.True(app.Kills >= MinimumKills, $"only {app.Kills} kills");
        await AssertEverythingOnceAsync(app, As, auditor, cycleId, actions, timeout);
    }

    /// <summary>Submissions, votes, decisions, notices and the history's events: each exactly once.</summary>
    private static async Task AssertEverythingOnceAsync(AppProcess app, Func<string, string, string?, RetryingClient> As, RetryingClient auditor, string cycleId, int actions, CancellationToken timeout)
    {
        foreach (string member in Members())
        {
            using RetryingClient client = As(AppRoles.Member, CellOf(member), member);
            JsonElement versions = await ReadAsync(client.GetAsync($"/api/cycles/{cycleId}/members/{member}/self-review", timeout), timeout);
            Assert.Equal(1, versions.GetProperty("versions").GetArrayLength());
            JsonElement inbox = await ReadAsync(client.GetAsync("/api/me/inbox?top=100", timeout), timeout);
            Assert.Equal(1, inbox.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("template").GetString() == "final-level"));
        }

        JsonElement cycle = await ReadAsync(auditor.GetAsync($"/runtime/webhooks/durabletask/instances/{cycleId}", timeout), timeout);
        Assert.Equal(Members().Count(), cycle.GetProperty("output").GetProperty("root").GetProperty("memberLevels").GetProperty("Good").GetInt32());

        // The history: every person's action is one raised event, each request exactly once; the seals hold.
        await AuditEndpointsTests.WaitUntilSealedAsync(new HttpClient { BaseAddress = app.BaseAddress, DefaultRequestHeaders = { Authorization = AuthorizationOf(auditor) } }, cycleId, timeout);
        string export = await (await auditor.GetAsync($"/api/audit/cycles/{cycleId}/export", timeout)).Content.ReadAsStringAsync(timeout);
        var raised = export.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.GetProperty("type").GetString() == "EventRaised" && e.GetProperty("name").GetString() != "subtree-started")
            .Select(e => (Instance: e.GetProperty("instanceId").GetString()!, Request: JsonDocument.Parse(e.GetProperty("payload").GetString()!).RootElement.GetProperty("requestId").GetString(), Time: e.GetProperty("time").GetString(), Payload: e.GetProperty("payload").GetString()))
            .ToList();
        Assert.All(raised, r => Assert.NotNull(r.Request));

        // Each request was raised once. A worker killed after it wrote a step but before it deleted the step's
        // queue message leaves the message to be delivered again, and DTFx appends such a copy of an event again
        // (same message: same time, same payload); the orchestration applies a request once, and the audit
        // timeline marks the copy as such. A second raise by a retry would carry another time.
        Assert.Equal(actions - 1, raised.Select(r => (r.Instance, r.Request)).Distinct().Count());
        Assert.All(raised.GroupBy(r => (r.Instance, r.Request)), copies => Assert.Single(copies.Select(c => (c.Time, c.Payload)).Distinct()));
        JsonElement manifest = await ReadAsync(auditor.GetAsync($"/api/audit/cycles/{cycleId}/manifest", timeout), timeout);
        Assert.All(manifest.GetProperty("instances").EnumerateArray(), i => Assert.True(i.GetProperty("verification").GetProperty("isIntact").GetBoolean()));
    }

    private static System.Net.Http.Headers.AuthenticationHeaderValue? AuthorizationOf(RetryingClient client) => client.Authorization;

    private async Task KillAgainAndAgainAsync(AppProcess app, CancellationToken cycleDone, CancellationToken cancellation)
    {
        var random = new Random(20261206);
        while (app.Kills < MinimumKills || (!cycleDone.IsCancellationRequested && app.Kills < MaximumKills))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1500, 4500)), cancellation);
            await app.KillAsync();
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} killed ({app.Kills})");
            await StartAgainAsync(app, cancellation);
        }
    }

    /// <summary>
    /// Starts the app; a start that does not answer within <see cref="AppProcess.ReadyWithin"/> is written to the
    /// test's output with the app's log, killed and started once more (as a platform restarts a stuck instance).
    /// </summary>
    private async Task StartAgainAsync(AppProcess app, CancellationToken cancellation)
    {
        try
        {
            await app.StartAsync(cancellation);
        }
        catch (TimeoutException stuck)
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} a start did not become ready: {stuck.Message}");
            await app.KillAsync();
            await app.StartAsync(cancellation);
        }
    }

    private Dictionary<string, string> Settings()
    {
        string section = "AzureFunctionsJobHost__extensions__durableTask__";
        return new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["TaskHubName"] = AzuriteServer.NewTaskHubName("crash"),
            ["StoragePrefix"] = AzuriteServer.NewTaskHubName("c"),
            ["Auth__DevelopmentSigningKey"] = TestApp.SigningKey,
            ["ManagementApiKey"] = TestApp.ManagementKey,
            ["Periodic__IntervalSeconds"] = "2",
            // Raised to twice the control queues' visibility (10 s) by the app: a takeover never races a hidden event.
            ["Idempotency__InFlightLeaseSeconds"] = "5",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            [section + "storageProvider__partitionCount"] = "2",
            [section + "storageProvider__maxQueuePollingInterval"] = "00:00:00.250",
            [section + "storageProvider__controlQueueVisibilityTimeout"] = "00:00:05",
            [section + "storageProvider__workItemQueueVisibilityTimeout"] = "00:00:05",
        };
    }

    private static IEnumerable<string> Members() => Cells.SelectMany(MembersOf);

    private static string[] MembersOf(string cell) => [.. Enumerable.Range(1, MembersPerCell).Select(i => $"{cell}-m{i}")];

    private static string CellOf(string member) => member[..member.LastIndexOf("-m", StringComparison.Ordinal)];

    private static object Roster() => new
    {
        units = new object[] { new { id = Board, name = "Thành ủy", kind = "OrganizationBoard" } }
            .Concat(Committees.SelectMany(q => new object[]
            {
                new { id = q, name = "Quận ủy " + q, kind = "Committee", parentId = Board },
                new { id = q + "-g1", name = "Đảng bộ phường " + q, kind = "GrassrootsOrganization", parentId = q },
            }))
            .Concat(Cells.Select(c => (object)new { id = c, name = "Chi bộ " + c, kind = "Cell", parentId = c[..c.LastIndexOf('-')] })),
        members = Members().Select(m => new { id = m, fullName = "Đảng viên " + m, cellId = CellOf(m), membership = "full", admittedOn = "2010-05-19" }),
    };

    /// <summary>Dates weeks ahead of today, so no deadline falls during the test: people drive every step.</summary>
    private static object Definition()
    {
        DateOnly today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Day(int days) => today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new
        {
            year = today.Year,
            rootUnitId = Board,
            ruleSetId = "QD366-2025",
            dueDates = new { selfReview = Day(30), cellMeeting = Day(35), grassrootsDecision = Day(40), committeeDecision = Day(45), boardReport = Day(60) },
            hardStop = Day(60),
        };
    }

    private static HttpRequestMessage Post(string path, HttpContent? content) => new(HttpMethod.Post, path) { Content = content };

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static Task<HttpResponseMessage> ExpectAsync(HttpStatusCode expected, Task<HttpResponseMessage> sending)
        => ExpectAsync([expected], sending);

    private static async Task<HttpResponseMessage> ExpectAsync(HttpStatusCode[] expected, Task<HttpResponseMessage> sending)
    {
        HttpResponseMessage response = await sending;
        Assert.True(expected.Contains(response.StatusCode), $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static async Task<JsonElement> ReadAsync(Task<HttpResponseMessage> reading, CancellationToken timeout)
    {
        using HttpResponseMessage response = await reading;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(timeout);
    }

    private static async Task WaitForStageAsync(RetryingClient auditor, string cycleId, string unit, string stage, CancellationToken timeout)
    {
        while (true)
        {
            using HttpResponseMessage response = await auditor.GetAsync($"/runtime/webhooks/durabletask/instances/{Uri.EscapeDataString($"{cycleId}~{unit}")}", timeout);
            if (response.IsSuccessStatusCode)
            {
                JsonElement status = await response.Content.ReadFromJsonAsync<JsonElement>(timeout);
                if (status.TryGetProperty("customStatus", out JsonElement custom) && custom.ValueKind == JsonValueKind.Object
                    && custom.TryGetProperty("stage", out JsonElement at) && at.GetString() == stage)
                {
                    return;
                }
            }

            await Task.Delay(200, timeout);
        }
    }

    /// <summary>For a failing run: where each unit's instance stands, as the engine reports it.</summary>
    private async Task WriteUnitStatusesAsync(RetryingClient auditor, CancellationToken timeout)
    {
        foreach (string unit in new[] { Board }.Concat(Committees).Concat(Committees.Select(c => c + "-g1")).Concat(Cells))
        {
            string instance = Uri.EscapeDataString($"cycle-{DateTime.UtcNow.Year}-{Board}~{unit}");
            using HttpResponseMessage response = await auditor.GetAsync($"/runtime/webhooks/durabletask/instances/{instance}?showHistory=false", timeout);
            string body = await response.Content.ReadAsStringAsync(timeout);
            output.WriteLine($"{unit}: {(int)response.StatusCode} {(body.Length > 600 ? body[..600] : body)}");
        }
    }

    private static async Task WaitForCompletedAsync(RetryingClient auditor, string cycleId, CancellationToken timeout)
    {
        while (true)
        {
            using HttpResponseMessage response = await auditor.GetAsync($"/runtime/webhooks/durabletask/instances/{cycleId}", timeout);
            if (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("runtimeStatus").GetString() == "Completed")
            {
                return;
            }

            await Task.Delay(250, timeout);
        }
    }
}
