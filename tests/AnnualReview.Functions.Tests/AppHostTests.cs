using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.TaskHub;
using AnnualReview.Testing;
using AnnualReview.Workflows.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests;

[Collection("azurite")]
public sealed class AppHostTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Build_Standalone_ServesEngineStatusAndRunsOrchestrationsOnDtfx()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        string hub = AzuriteServer.NewTaskHubName("app");
        await using WebApplication app = AppHost.Build(
            ["--urls", "http://127.0.0.1:0", "--AzureWebJobsStorage", azurite.ConnectionString, "--TaskHubName", hub,
             "--" + TestApp.EngineSetting("storageProvider:maxQueuePollingInterval"), "00:00:00.250"],
            registry => registry
                .AddActivityFunc<string, string>("Greet", (_, name) => $"Xin chào {name}")
                .AddOrchestratorFunc<string, string>("Hello", async (ctx, name) => await ctx.CallActivityAsync<string>("Greet", name)));
        await app.StartAsync(timeout);

        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        string id = await client.ScheduleNewOrchestrationInstanceAsync("Hello", "Lan", cancellation: timeout);
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, true, timeout);
        JsonElement status = await http.GetFromJsonAsync<JsonElement>("/", timeout);
        await app.StopAsync(timeout);

        Assert.Equal(hub, status.GetProperty("taskHub").GetString());
        Assert.Contains("DurableTask.AzureStorage", status.GetProperty("engine").GetString(), StringComparison.Ordinal);
        Assert.True(status.GetProperty("queueDepths").TryGetProperty($"{hub}-workitems", out _));
        Assert.True(status.GetProperty("queueDepths").TryGetProperty($"{hub}-control-03", out _));
        Assert.Equal("Xin chào Lan", done.ReadOutputAs<string>());
    }

    [Fact]
    public void Build_ReadsTheTaskHubSettingsFromHostJsonUnderDurableFunctionsNames()
    {
        using WebApplication app = AppHost.Build(["--AzureWebJobsStorage", azurite.ConnectionString]);
        using WebApplication overridden = AppHost.Build(
        [
            "--AzureWebJobsStorage", azurite.ConnectionString,
            "--TaskHubName", "othercity",
            "--" + TestApp.EngineSetting("storageProvider:partitionCount"), "8",
        ]);

        TaskHubSettings fromFile = app.Services.GetRequiredService<TaskHubSettings>();
        TaskHubSettings fromSettings = overridden.Services.GetRequiredService<TaskHubSettings>();

        Assert.Equal("annualreview", fromFile.HubName);
        Assert.Equal(4, fromFile.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(1), fromFile.MaxQueuePollingInterval);
        Assert.Equal("othercity", fromSettings.HubName);
        Assert.Equal(8, fromSettings.PartitionCount);
    }

    [Fact]
    public void Build_ManagedIdentitySettings_PointTheTaskHubAtServiceUrisWithACredential()
    {
        using WebApplication app = AppHost.Build(
        [
            "--AzureWebJobsStorage__blobServiceUri", "https://st.blob.core.windows.net",
            "--AzureWebJobsStorage__queueServiceUri", "https://st.queue.core.windows.net",
            "--AzureWebJobsStorage__tableServiceUri", "https://st.table.core.windows.net",
            "--AzureWebJobsStorage__clientId", "00000000-0000-0000-0000-000000000001",
        ]);

        TaskHubStorage storage = app.Services.GetRequiredService<TaskHubStorage>();

        Assert.Equal("st.table.core.windows.net", storage.History.Uri.Host);
        Assert.Equal("st.queue.core.windows.net", storage.Queues.Uri.Host);
        Assert.Equal("st.blob.core.windows.net", storage.Seals.Uri.Host);
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
