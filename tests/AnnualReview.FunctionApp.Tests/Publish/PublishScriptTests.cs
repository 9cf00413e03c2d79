using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text.Json;
using AnnualReview.Functions;
using AnnualReview.TaskHub;

namespace AnnualReview.FunctionApp.Tests.Publish;

/// <summary>
/// What the Functions host reads from the package publish.sh builds (no host runs here, so these files are the
/// contract): host.json at the root, functions.metadata with every function, its trigger and its bindings,
/// worker.config.json starting the isolated worker, extensions.json loading the Durable extension.
/// </summary>
/// <remarks>publish.sh is a bash script: these tests run where CI runs, on Linux.</remarks>
[UnsupportedOSPlatform("windows")]
public sealed class PublishScriptTests(PublishedPackage package) : IClassFixture<PublishedPackage>
{
    /// <summary>Every function the host must index: name, trigger type, trigger binding name, other bindings.</summary>
    private static readonly (string Name, string Trigger, string Binding, string[] Others)[] Expected =
    [
        .. new RegisteredTasks(AppServices.Registrations()).Orchestrators.Select(n => (n, "orchestrationTrigger", "context", Array.Empty<string>())),
        .. new RegisteredTasks(AppServices.Registrations()).Activities.Select(n => (n, "activityTrigger", "input", Array.Empty<string>())),
        ("Http", "httpTrigger", "request", ["durableClient:durableClient", "http:$return"]),
        ("SealHistory", "queueTrigger", "instanceId", []),
        ("SealingCatchUp", "timerTrigger", "timer", []),
        ("DeliverNotifications", "queueTrigger", "message", []),
        ("DeliveryCatchUp", "timerTrigger", "timer", []),
        ("Retention", "timerTrigger", "timer", []),
    ];

    private static JsonElement ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();

    private JsonElement Metadata => ReadJson(Path.Combine(package.App, "functions.metadata"));

    [Fact]
    public void HostJson_AtTheRoot_IsVersion2_WithTheTaskHubAndNoCustomHandler()
    {
        JsonElement host = ReadJson(Path.Combine(package.App, "host.json"));

        Assert.Equal("2.0", host.GetProperty("version").GetString());
        Assert.False(host.TryGetProperty("customHandler", out _));
        Assert.False(host.TryGetProperty("extensionBundle", out _), "An isolated .NET app brings its extensions (extensions.json); a bundle would load others.");
        JsonElement durable = host.GetProperty("extensions").GetProperty("durableTask");
        Assert.Equal("%TaskHubName%", durable.GetProperty("hubName").GetString());
        Assert.True(durable.GetProperty("storageProvider").GetProperty("partitionCount").GetInt32() is >= 1 and <= 16);
        Assert.True(durable.GetProperty("maxConcurrentOrchestratorFunctions").GetInt32() > 0);
        Assert.Equal("", host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void FunctionsMetadata_ListsEveryFunction_WithItsTriggerAndBindings()
    {
        var listed = Metadata.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, StringComparer.Ordinal);

        Assert.Equal(Expected.Select(e => e.Name).Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        foreach ((string name, string trigger, string binding, string[] others) in Expected)
        {
            JsonElement function = listed[name];
            Assert.Equal("dotnet-isolated", function.GetProperty("language").GetString());
            Assert.Equal("AnnualReview.FunctionApp.dll", function.GetProperty("scriptFile").GetString());
            var bindings = function.GetProperty("bindings").EnumerateArray()
                .Select(b => (Type: b.GetProperty("type").GetString()!, Name: b.GetProperty("name").GetString()!, Direction: b.GetProperty("direction").GetString()!))
                .ToList();
            var triggers = bindings.Where(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal)).ToList();
            Assert.Equal((trigger, binding, "In"), Assert.Single(triggers));
            Assert.Equal(others.Order(StringComparer.Ordinal), bindings.Except(triggers).Select(b => b.Type + ":" + b.Name).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void FunctionsMetadata_QueueTriggersAndTimers_ReadTheHubsQueuesAndHourlySchedules()
    {
        var bindings = Metadata.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!,
            f => f.GetProperty("bindings")[0],
            StringComparer.Ordinal);

        Assert.Equal("%TaskHubName%-sealing", bindings["SealHistory"].GetProperty("queueName").GetString());
        Assert.Equal("%TaskHubName%-delivery", bindings["DeliverNotifications"].GetProperty("queueName").GetString());
        foreach (string timer in new[] { "SealingCatchUp", "DeliveryCatchUp", "Retention" })
        {
            string schedule = bindings[timer].GetProperty("schedule").GetString()!;
            string[] fields = schedule.Split(' ');

            // Seconds and minutes fixed, every hour: the app sleeps between them when nothing happens.
            Assert.Equal(6, fields.Length);
            Assert.DoesNotContain('*', fields[0] + fields[1]);
            Assert.Equal("*", fields[2]);
        }
    }

    [Fact]
    public void WorkerConfig_StartsTheIsolatedWorkerFromThePackage()
    {
        JsonElement description = ReadJson(Path.Combine(package.App, "worker.config.json")).GetProperty("description");

        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        string worker = description.GetProperty("defaultWorkerPath").GetString()!;
        Assert.True(File.Exists(Path.Combine(package.App, worker)), $"worker.config.json names {worker}, which is not in the package.");
    }

    [Fact]
    public void ExtensionsJson_LoadsTheDurableTaskExtension_WithItsAssemblyInThePackage()
    {
        JsonElement extensions = ReadJson(Path.Combine(package.App, "extensions.json")).GetProperty("extensions");
        var names = extensions.EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();

        Assert.Contains("DurableTask", names);
        Assert.Contains("AzureStorageQueues", names);
        foreach (JsonElement extension in extensions.EnumerateArray())
        {
            string hint = extension.GetProperty("hintPath").GetString()!;
            Assert.True(File.Exists(Path.Combine(package.App, hint)),
                $"extensions.json points {extension.GetProperty("name").GetString()} at {hint}, which is not in the package.");
        }
    }

    [Fact]
    public void Zip_HoldsEveryFileOfThePackage()
    {
        using ZipArchive zip = ZipFile.OpenRead(package.Zip);
        var entries = zip.Entries.Where(e => e.Name.Length > 0).Select(e => e.FullName.StartsWith("./", StringComparison.Ordinal) ? e.FullName[2..] : e.FullName).ToHashSet(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(package.App, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(package.App, f).Replace('\\', '/'))
            .ToList();

        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Contains(f, entries));
    }
}
