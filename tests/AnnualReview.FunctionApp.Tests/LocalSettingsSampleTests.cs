using System.Text.Json;

namespace AnnualReview.FunctionApp.Tests;

/// <summary>The sample a Core Tools user copies to local.settings.json starts the isolated worker against Azurite.</summary>
public sealed class LocalSettingsSampleTests
{
    private static JsonElement Values()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string path = Path.Combine(directory.FullName, "local.settings.sample.json");
            if (File.Exists(path))
            {
                return JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("Values").Clone();
            }
        }

        throw new InvalidOperationException("local.settings.sample.json not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Sample_RunsTheIsolatedWorker_OnAzurite_WithTheHubTheTriggersName()
    {
        JsonElement values = Values();

        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty("AzureWebJobsStorage").GetString());
        Assert.False(string.IsNullOrEmpty(values.GetProperty("TaskHubName").GetString()));
        Assert.False(values.TryGetProperty("FUNCTIONS_CUSTOMHANDLER_PORT", out _));
    }
}
