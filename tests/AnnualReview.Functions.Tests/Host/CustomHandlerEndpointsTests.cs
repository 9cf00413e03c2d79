using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Functions.Host;
using AnnualReview.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Host;

[Collection("azurite")]
public sealed class CustomHandlerEndpointsTests(AzuriteFixture azurite)
{
    /// <summary>The port setting is what tells the app it runs under the Functions host.</summary>
    private static readonly KeyValuePair<string, string>[] UnderHost = [new(CustomHandlerEndpoints.PortSetting, "7345")];

    private static void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<string, string>("Greet", (_, name) => $"Xin chào {name}")
        .AddOrchestratorFunc<string, string>("Hello", async (ctx, name) => await ctx.CallActivityAsync<string>("Greet", name));

    [Fact]
    public async Task UnderTheHost_TheEngineReadsItsOwnQueues_AndRunsAnOrchestrationToCompletion()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, UnderHost, Register);
        var client = app.Services.GetRequiredService<DurableTaskClient>();

        string id = await client.ScheduleNewOrchestrationInstanceAsync("Hello", "Lan", cancellation: timeout);
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Xin chào Lan", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Housekeeping_FromTheHost_RunsThePeriodicWorkAndAnswersInTheProtocolsShape()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, UnderHost, Register);
        using HttpClient host = app.Anonymous();
        var invocation = new { Data = new Dictionary<string, object> { [HostFunctions.TimerBinding] = new { Schedule = new { AdjustForDST = true }, IsPastDue = false } }, Metadata = new { } };

        using HttpResponseMessage tick = await host.PostAsJsonAsync("/" + HostFunctions.Housekeeping, invocation, timeout);
        JsonElement body = JsonDocument.Parse(await tick.Content.ReadAsStringAsync(timeout)).RootElement;

        Assert.Equal(HttpStatusCode.OK, tick.StatusCode);
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ReturnValue").ValueKind);
        Assert.Contains("periodic work run", body.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
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
        using HttpResponseMessage fromOutside = await forwarded.PostAsJsonAsync("/" + HostFunctions.Housekeeping, body, timeout);

        Assert.Equal(HttpStatusCode.NotFound, notMapped.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fromOutside.StatusCode);
    }
}
