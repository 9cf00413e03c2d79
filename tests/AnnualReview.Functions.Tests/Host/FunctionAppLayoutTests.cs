using System.Text.Json;
using AnnualReview.Durable.Hosting;
using AnnualReview.Durable.Worker;
using AnnualReview.Functions.Host;
using AnnualReview.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Host;

/// <summary>The files the Functions host reads, as they land in the build output's root.</summary>
[Collection("azurite")]
public sealed class FunctionAppLayoutTests(AzuriteFixture azurite)
{
    private static JsonElement Read(params string[] path)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine([AppContext.BaseDirectory, .. path]))).RootElement.Clone();

    private static JsonElement Binding(string function, int index = 0) => Read(function, "function.json").GetProperty("bindings")[index];

    [Fact]
    public void HttpFunction_ForwardsEveryMethodAndPath_Anonymously()
    {
        JsonElement trigger = Binding(HostFunctions.Http);
        JsonElement output = Binding(HostFunctions.Http, 1);

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Equal("{*path}", trigger.GetProperty("route").GetString());
        string[] methods = [.. trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!)];
        Assert.Subset(methods.ToHashSet(), new HashSet<string> { "get", "post", "put", "patch", "delete" });
        Assert.Equal("http", output.GetProperty("type").GetString());
        Assert.Equal("out", output.GetProperty("direction").GetString());
    }

    [Fact]
    public void HostJson_ForwardsHttpWithoutARoutePrefix_AndDecodesBase64Messages()
    {
        JsonElement host = Read("host.json");

        Assert.Equal("", host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.True(host.GetProperty("customHandler").GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("AnnualReview.Functions", host.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("base64", host.GetProperty("extensions").GetProperty("queues").GetProperty("messageEncoding").GetString());
        Assert.Equal(new DurableTaskOptions().MaxDequeueCount, host.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32());
    }

    [Fact]
    public void HousekeepingFunction_IsATimerEveryFewSeconds()
    {
        JsonElement timer = Binding(HostFunctions.Housekeeping);

        Assert.Equal("timerTrigger", timer.GetProperty("type").GetString());
        Assert.Equal(HostFunctions.TimerBinding, timer.GetProperty("name").GetString());
        Assert.Equal("*/5 * * * * *", timer.GetProperty("schedule").GetString());
    }

    [Fact]
    public void QueueFunctions_CoverExactlyTheEnginesQueues()
    {
        string hub = AzuriteServer.NewTaskHubName("lay");
        using WebApplication app = AppHost.Build(["--AzureWebJobsStorage", azurite.ConnectionString, "--TaskHubName", hub]);
        DurableTaskWorker worker = app.Services.GetRequiredService<DurableTaskWorker>();
        string[] folders = [.. Directory.GetDirectories(AppContext.BaseDirectory, HostFunctions.ControlQueuePrefix + "*").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

        var declared = new List<string>();
        foreach (string function in folders.Append(HostFunctions.WorkItems))
        {
            JsonElement trigger = Binding(function);
            Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
            Assert.Equal(HostFunctions.QueueBinding, trigger.GetProperty("name").GetString());
            Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
            declared.Add(trigger.GetProperty("queueName").GetString()!.Replace("%TaskHubName%", hub, StringComparison.Ordinal));
        }

        Assert.Equal(new DurableTaskOptions().PartitionCount, folders.Length);
        Assert.Equal(HostFunctions.ControlQueueCount, folders.Length);
        Assert.Equal(worker.ControlQueueNames.Append(worker.WorkItemQueueName), declared);
    }
}
