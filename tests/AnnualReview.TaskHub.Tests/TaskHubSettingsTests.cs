using Microsoft.Extensions.Configuration;

namespace AnnualReview.TaskHub.Tests;

public sealed class TaskHubSettingsTests
{
    private static TaskHubSettings From(params (string Key, string Value)[] values)
        => TaskHubSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public void From_ReadsDurableFunctionsHostJsonNames()
    {
        const string section = TaskHubSettings.Section;
        TaskHubSettings settings = From(
            ($"{section}:hubName", "hanoi2026"),
            ($"{section}:storageProvider:partitionCount", "8"),
            ($"{section}:storageProvider:maxQueuePollingInterval", "00:00:02"),
            ($"{section}:storageProvider:controlQueueVisibilityTimeout", "00:02:00"),
            ($"{section}:maxConcurrentActivityFunctions", "20"),
            ($"{section}:maxConcurrentOrchestratorFunctions", "12"),
            ($"{section}:extendedSessionsEnabled", "true"),
            ($"{section}:maximumTimerInterval", "2.00:00:00"));

        Assert.Equal("hanoi2026", settings.HubName);
        Assert.Equal(8, settings.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.MaxQueuePollingInterval);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.ControlQueueVisibilityTimeout);
        Assert.Equal(20, settings.MaxConcurrentActivityFunctions);
        Assert.Equal(12, settings.MaxConcurrentOrchestratorFunctions);
        Assert.True(settings.ExtendedSessionsEnabled);
        Assert.Equal(TimeSpan.FromDays(2), settings.MaximumTimerInterval);
    }

    [Fact]
    public void From_HubNameNamingAnAppSetting_IsResolved_AndTaskHubNameWins()
    {
        Assert.Equal("fromsetting", From(($"{TaskHubSettings.Section}:hubName", "%MyHub%"), ("MyHub", "fromsetting")).HubName);
        Assert.Equal("override", From(($"{TaskHubSettings.Section}:hubName", "inhostjson"), ("TaskHubName", "override")).HubName);
        Assert.Equal("annualreview", From().HubName);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("9lives")]
    [InlineData("has-dash")]
    public void From_InvalidHubName_IsRefusedWithTheRule(string name)
    {
        var refused = Assert.Throws<ArgumentException>(() => From(("TaskHubName", name)));
        Assert.Contains("3–45 letters and digits", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_PartitionCountAboveSixteen_IsRefused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => From(($"{TaskHubSettings.Section}:storageProvider:partitionCount", "17")));
}
