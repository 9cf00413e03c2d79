using System.Text.Json;
using AnnualReview.Functions.Host;

namespace AnnualReview.Functions.Tests.Host;

/// <summary>The files the Functions host reads, as they land in the build output's root.</summary>
public sealed class FunctionAppLayoutTests
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
    public void HostJson_ForwardsHttpWithoutARoutePrefix_AndCarriesTheTaskHubsSettings()
    {
        JsonElement host = Read("host.json");
        JsonElement durable = host.GetProperty("extensions").GetProperty("durableTask");

        Assert.Equal("", host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.True(host.GetProperty("customHandler").GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("AnnualReview.Functions", host.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("%TaskHubName%", durable.GetProperty("hubName").GetString());
        Assert.Equal(4, durable.GetProperty("storageProvider").GetProperty("partitionCount").GetInt32());
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
    public void FunctionFolders_AreOnlyTheHttpForwarderAndTheTimer_TheEngineReadsItsOwnQueues()
    {
        string[] functions = [.. Directory.GetFiles(AppContext.BaseDirectory, "function.json", SearchOption.AllDirectories)
            .Select(f => Path.GetFileName(Path.GetDirectoryName(f)!)).Order(StringComparer.Ordinal)];

        Assert.Equal([HostFunctions.Housekeeping, HostFunctions.Http], functions);
    }
}
