using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.Hosting;
using AnnualReview.Testing;
using AnnualReview.Workflows.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests;

[Collection("azurite")]
public sealed class AppHostTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Build_Standalone_ServesEngineStatusAndRunsOrchestrationsFromItsOwnPolling()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        string hub = AzuriteServer.NewTaskHubName("app");
        await using WebApplication app = AppHost.Build(
            ["--urls", "http://127.0.0.1:0", "--AzureWebJobsStorage", azurite.ConnectionString, "--TaskHubName", hub],
            registry => registry
                .AddActivityFunc<string, string>("Greet", name => $"Xin chào {name}")
                .AddOrchestratorFunc<string, string>("Hello", async (ctx, name) => await ctx.CallActivityAsync<string>("Greet", name)));
        await app.StartAsync(timeout);

        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        JsonElement status = await http.GetFromJsonAsync<JsonElement>("/", timeout);
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        string id = await client.ScheduleNewOrchestrationInstanceAsync("Hello", "Lan", cancellation: timeout);
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, true, timeout);
        await app.StopAsync(timeout);

        Assert.Equal(hub, status.GetProperty("taskHub").GetString());
        Assert.True(status.GetProperty("pollingQueues").GetBoolean());
        Assert.True(status.GetProperty("queueDepths").TryGetProperty($"{hub}-workitems", out _));
        Assert.Equal("Xin chào Lan", done.ReadOutputAs<string>());
    }

    [Fact]
    public void Build_UnderTheFunctionsHost_ListensOnTheHostsPortAndLeavesPollingToTheHost()
    {
        using WebApplication app = AppHost.Build(
            ["--FUNCTIONS_CUSTOMHANDLER_PORT", "7345", "--AzureWebJobsStorage", azurite.ConnectionString]);

        DurableTaskOptions options = app.Services.GetRequiredService<DurableTaskOptions>();

        Assert.False(options.PollQueues);
        Assert.Equal(azurite.ConnectionString, options.StorageConnectionString);
    }

    [Fact]
    public void Build_ManagedIdentitySettings_PointTheEngineAtServiceUrisWithACredential()
    {
        using WebApplication app = AppHost.Build(
        [
            "--AzureWebJobsStorage__blobServiceUri", "https://st.blob.core.windows.net",
            "--AzureWebJobsStorage__queueServiceUri", "https://st.queue.core.windows.net",
            "--AzureWebJobsStorage__tableServiceUri", "https://st.table.core.windows.net",
            "--AzureWebJobsStorage__clientId", "00000000-0000-0000-0000-000000000001",
        ]);

        DurableTaskOptions options = app.Services.GetRequiredService<DurableTaskOptions>();

        Assert.Null(options.StorageConnectionString);
        Assert.Equal(new Uri("https://st.table.core.windows.net"), options.TableServiceUri);
        Assert.Equal(new Uri("https://st.queue.core.windows.net"), options.QueueServiceUri);
        Assert.NotNull(options.Credential);
    }

    [Fact]
    public void Build_ManagedIdentitySettings_PointTheAssessmentTablesAndContainersAtTheSameAccount()
    {
        using WebApplication app = AppHost.Build(
        [
            "--AzureWebJobsStorage__blobServiceUri", "https://st.blob.core.windows.net",
            "--AzureWebJobsStorage__queueServiceUri", "https://st.queue.core.windows.net",
            "--AzureWebJobsStorage__tableServiceUri", "https://st.table.core.windows.net",
            "--AzureWebJobsStorage__clientId", "00000000-0000-0000-0000-000000000001",
            "--StoragePrefix", "review",
        ]);

        AssessmentStorage storage = app.Services.GetRequiredService<AssessmentStorage>();

        Assert.Equal("st.table.core.windows.net", storage.Members.Shards[0].Uri.Host);
        Assert.Equal("st.table.core.windows.net", storage.Submissions.Shards[0].Uri.Host);
        Assert.Equal("st.blob.core.windows.net", storage.Attachments.Uri.Host);
        Assert.Equal("review-attachments", storage.Attachments.Name);
    }
}
