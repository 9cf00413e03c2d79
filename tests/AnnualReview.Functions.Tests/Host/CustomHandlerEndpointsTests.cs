using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Durable;
using AnnualReview.Durable.Client;
using AnnualReview.Functions.Host;
using AnnualReview.Testing;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Host;

[Collection("azurite")]
public sealed class CustomHandlerEndpointsTests(AzuriteFixture azurite)
{
    /// <summary>Under the host the app does not poll: the port setting is what tells it so.</summary>
    private static readonly KeyValuePair<string, string>[] UnderHost = [new(CustomHandlerEndpoints.PortSetting, "7345")];

    private static void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<string, string>("Greet", name => $"Xin chào {name}")
        .AddOrchestratorFunc<string, string>("Hello", async (ctx, name) => await ctx.CallActivityAsync<string>("Greet", name))
        .AddOrchestratorFunc<int, string>("Nap", async (ctx, ms) =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMilliseconds(ms), CancellationToken.None);
            return "awake";
        });

    [Theory]
    [InlineData(MessageShape.QuotedString)]
    [InlineData(MessageShape.Base64Bytes)]
    public async Task QueueInvocations_ShapedAsTheHostSendsThem_RunAnOrchestrationToCompletion(MessageShape shape)
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, UnderHost, Register);
        var host = new FunctionsHostSimulator(app, azurite, shape);
        var client = app.Services.GetRequiredService<DurableTaskClient>();

        string id = await client.ScheduleNewOrchestrationInstanceAsync("Hello", "Lan", cancellation: timeout);
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Xin chào Lan", done.ReadOutputAs<string>());
        // Start, activity call (work item); every reply in the protocol's PascalCase shape.
        Assert.True(host.Replies.Count >= 2);
        foreach (HttpReply reply in host.Replies)
        {
            JsonElement body = reply.Json;
            Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
            Assert.Equal(JsonValueKind.Null, body.GetProperty("ReturnValue").ValueKind);
            Assert.Contains(id, body.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Housekeeping_MovesDueTimersToTheControlQueues()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, UnderHost, Register);
        var host = new FunctionsHostSimulator(app, azurite, MessageShape.QuotedString);
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        string id = await client.ScheduleNewOrchestrationInstanceAsync("Nap", 300, cancellation: timeout);
        await host.DeliverVisibleAsync(timeout);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await client.GetInstanceAsync(id, cancellation: timeout))!.RuntimeStatus);

        // The timer sits in the timer table until housekeeping moves it; nothing else would.
        int fired = 0;
        while (fired == 0)
        {
            HttpReply tick = await host.InvokeRawAsync(HostFunctions.Housekeeping,
                new Dictionary<string, object> { [HostFunctions.TimerBinding] = new { Schedule = new { AdjustForDST = true }, IsPastDue = false } },
                new Dictionary<string, object>(), timeout);
            Assert.Equal(200, tick.Status);
            fired = await host.DeliverVisibleAsync(timeout);
            if (fired == 0)
            {
                await Task.Delay(100, timeout);
            }
        }

        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id, timeout);
        Assert.Equal("awake", done.ReadOutputAs<string>());
        Assert.Contains(host.Replies, r => r.Body.Contains("1 timers fired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailingInvocation_Answers500SoTheHostRetries_AndOnTheLastDeliveryTheEngineDeadLetters()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, UnderHost, Register);
        var host = new FunctionsHostSimulator(app, azurite, MessageShape.QuotedString);
        // A well-formed envelope whose offloaded payload blob does not exist: decoding fails.
        string lost = """{"blob":"messages/missing-payload","id":"m-lost","instanceId":"lost-instance"}""";

        HttpReply first = await host.InvokeAsync(HostFunctions.ControlQueue(0), lost, 1, "q1", timeout);
        HttpReply last = await host.InvokeAsync(HostFunctions.ControlQueue(0), lost, 5, "q1", timeout);
        HttpReply unreadable = await host.InvokeRawAsync(HostFunctions.WorkItems, new Dictionary<string, object> { [HostFunctions.QueueBinding] = "not a message" }, new Dictionary<string, object>(), timeout);

        Assert.Equal(500, first.Status);
        Assert.Contains("control", first.Json.GetProperty("Logs")[0].GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(200, last.Status);
        var worker = app.Services.GetRequiredService<AnnualReview.Durable.Worker.DurableTaskWorker>();
        Assert.Contains(await worker.GetDeadLettersAsync("lost-instance", timeout), d => d.DequeueCount == 5);
        Assert.Equal(500, unreadable.Status);
    }

    [Fact]
    public async Task ReadinessPing_AnswersWithTheEngineStatus_NotPolling()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, UnderHost, Register);
        using HttpClient http = app.Anonymous();

        JsonElement status = await http.GetFromJsonAsync<JsonElement>("/", timeout);

        Assert.Equal(app.TaskHub, status.GetProperty("taskHub").GetString());
        Assert.False(status.GetProperty("pollingQueues").GetBoolean());
    }

    [Fact]
    public async Task InvocationRoutes_AreNotReachableStandaloneNorThroughAFrontEnd()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));
        await using TestApp standalone = await TestApp.StartAsync(azurite, timeout, register: Register);
        await using TestApp hosted = await TestApp.StartAsync(azurite, timeout, UnderHost, Register);
        using HttpClient direct = standalone.Anonymous();
        using HttpClient forwarded = hosted.Anonymous();
        forwarded.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        var body = new { Data = new { timer = new { } }, Metadata = new { } };

        using HttpResponseMessage notMapped = await direct.PostAsJsonAsync("/" + HostFunctions.Housekeeping, body, timeout);
        using HttpResponseMessage fromOutside = await forwarded.PostAsJsonAsync("/" + HostFunctions.ControlQueue(0), body, timeout);

        Assert.Equal(HttpStatusCode.NotFound, notMapped.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fromOutside.StatusCode);
    }

    [Fact]
    public async Task MessagesTheEngineWrites_AreBase64OnTheQueue_AsHostJsonExpects()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, UnderHost, Register);
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        string id = await client.ScheduleNewOrchestrationInstanceAsync("Hello", "Minh", cancellation: timeout);

        // Read raw (no decoding): the host with messageEncoding base64 decodes exactly this.
        var raw = new QueueServiceClient(azurite.ConnectionString);
        string? text = null;
        for (int p = 0; p < HostFunctions.ControlQueueCount && text is null; p++)
        {
            var peeked = (await raw.GetQueueClient($"{app.TaskHub}-control-{p:D2}").PeekMessagesAsync(1, timeout)).Value;
            text = peeked.Length > 0 ? peeked[0].Body.ToString() : null;
        }

        Assert.NotNull(text);
        string decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(text));
        Assert.Equal(id, JsonDocument.Parse(decoded).RootElement.GetProperty("message").GetProperty("instanceId").GetString());
    }
}
