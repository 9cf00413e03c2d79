using System.Text;
using Azure.Data.Tables;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Worker;

[Collection("azurite")]
public sealed class LargePayloadTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_OneMegabyteInputThroughAnActivity_ReturnsItUnchanged()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<string, string>("Echo", text => text)
            .AddOrchestratorFunc<string, string>("RoundTrip", async (ctx, text) => await ctx.CallActivityAsync<string>("Echo", text));
        var options = EngineHarness.Options(azurite, "large");
        await using var engine = await EngineHarness.StartAsync(options, registry, output);
        string input = OneMegabyte();

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("RoundTrip", input, cancellation: timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(input, done.ReadInputAs<string>());
        Assert.Equal(input, done.ReadOutputAs<string>());
        InstanceHistory history = (await engine.Client.GetHistoryAsync(id, timeout))!;
        Assert.True(history.Verification.IsIntact, history.Verification.Reason);
        Assert.Equal(input, DataConverter.Deserialize<string>(history.Events.Single(e => e.Type == HistoryEventType.TaskScheduled).Input));
        Assert.Equal(input, DataConverter.Deserialize<string>(history.Events.Single(e => e.Type == HistoryEventType.TaskCompleted).Result));

        // The payload lives in blobs: no table property holds it inline.
        var instances = new TableClient(azurite.ConnectionString, options.TaskHubName + "Instances");
        await foreach (TableEntity row in instances.QueryAsync<TableEntity>(cancellationToken: timeout))
        {
            Assert.All(row.Select(property => property.Value).OfType<string>(), value => Assert.True(value.Length <= 32 * 1024, $"{row.RowKey} holds a {value.Length}-character property."));
        }
    }

    /// <summary>1,048,576 characters of varied text, with some non-ASCII letters, so truncation or re-encoding shows.</summary>
    private static string OneMegabyte()
    {
        var text = new StringBuilder(1 << 20);
        var random = new Random(20250303);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 ăâđêôơư\"\\";
        while (text.Length < 1 << 20)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }
}
