using System.Text.Encodings.Web;
using System.Text.Json;
using AnnualReview.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace AnnualReview.TaskHub.Tests;

/// <summary>An engine on a task hub of its own for one test, with the orchestrators and activities the test registers.</summary>
internal static class Engines
{
    public static Task<TestEngine> StartAsync(AzuriteFixture azurite, Action<DurableTaskRegistry> register, ITestOutputHelper? output = null, string? hub = null)
        => TestEngine.StartAsync(azurite.ConnectionString, TestEngine.SettingsFor(hub ?? AzuriteServer.NewTaskHubName("hub")), Converter, register, output: output);

    /// <summary>As the app's: Vietnamese letters written as they are.</summary>
    public static DataConverter Converter { get; } = new JsonDataConverter(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static async Task EventuallyAsync(Func<Task<bool>> condition, CancellationToken timeout)
    {
        while (!await condition())
        {
            await Task.Delay(50, timeout);
        }
    }
}
