using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using AnnualReview.Testing;

namespace AnnualReview.Functions.Tests.Publish;

/// <summary>
/// The package publish.sh builds is what Azure Functions runs: host.json at its root naming a runnable
/// handler, one folder per function, the app's binaries and its own .NET runtime.
/// </summary>
/// <remarks>The package is for Linux and publish.sh is a bash script: these tests run where CI runs, on Linux.</remarks>
[Collection("azurite")]
[UnsupportedOSPlatform("windows")]
public sealed class PublishScriptTests(AzuriteFixture azurite, PublishedPackage package) : IClassFixture<PublishedPackage>
{
    private static readonly byte[] ElfMagic = [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    private static JsonElement ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();

    private string HandlerPath()
        => ReadJson(Path.Combine(package.App, "host.json"))
            .GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;

    [Fact]
    public void HostJson_AtTheRoot_NamesALinuxExecutableInThePackage()
    {
        string handler = Path.Combine(package.App, HandlerPath());

        Assert.True(File.Exists(handler), $"host.json names {handler}, which is not in the package.");
        Assert.True(File.GetUnixFileMode(handler).HasFlag(UnixFileMode.UserExecute), $"{handler} is not executable.");
        byte[] head = new byte[ElfMagic.Length];
        using (FileStream file = File.OpenRead(handler))
        {
            file.ReadExactly(head);
        }

        Assert.Equal(ElfMagic, head);
        Assert.Equal(File.ReadAllText(Path.Combine(package.RepositoryRoot, "host.json")), File.ReadAllText(Path.Combine(package.App, "host.json")));
    }

    [Fact]
    public void EveryFunction_HasItsFolderAtTheRoot_WithTheSourceFunctionJsonAndOneTrigger()
    {
        string[] expected = FunctionNames(package.FunctionDefinitions);
        string[] packaged = FunctionNames(package.App);

        Assert.Contains("Http", expected);
        Assert.Equal(expected, packaged);
        foreach (string function in packaged)
        {
            string definition = Path.Combine(package.App, function, "function.json");
            Assert.Equal(File.ReadAllText(Path.Combine(package.FunctionDefinitions, function, "function.json")), File.ReadAllText(definition));
            JsonElement[] bindings = [.. ReadJson(definition).GetProperty("bindings").EnumerateArray()];
            Assert.NotEmpty(bindings);
            Assert.All(bindings, binding =>
            {
                Assert.False(string.IsNullOrWhiteSpace(binding.GetProperty("type").GetString()), $"{function}: a binding without a type");
                Assert.False(string.IsNullOrWhiteSpace(binding.GetProperty("name").GetString()), $"{function}: a binding without a name");
                Assert.Contains(binding.GetProperty("direction").GetString(), new[] { "in", "out", "inout" });
            });
            Assert.Single(bindings, b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal) && b.GetProperty("direction").GetString() == "in");
        }
    }

    [Fact]
    public void Package_CarriesTheAppsAssemblies_AndItsOwnDotNetRuntime()
    {
        foreach (string assembly in new[] { "AnnualReview.Functions.dll", "AnnualReview.TaskHub.dll", "AnnualReview.Workflows.dll", "AnnualReview.Assessment.dll", "Microsoft.DurableTask.Worker.dll", "Microsoft.DurableTask.Client.dll", "DurableTask.Core.dll", "DurableTask.AzureStorage.dll" })
        {
            Assert.True(File.Exists(Path.Combine(package.App, assembly)), $"{assembly} is missing from the package.");
        }

        JsonElement runtimeOptions = ReadJson(Path.Combine(package.App, "AnnualReview.Functions.runtimeconfig.json")).GetProperty("runtimeOptions");
        string[] included = [.. runtimeOptions.GetProperty("includedFrameworks").EnumerateArray().Select(f => f.GetProperty("name").GetString()!)];

        // Self-contained: the frameworks are inside the package, none is looked up on the machine.
        Assert.Contains("Microsoft.NETCore.App", included);
        Assert.Contains("Microsoft.AspNetCore.App", included);
        Assert.False(runtimeOptions.TryGetProperty("frameworks", out _));
        Assert.False(runtimeOptions.TryGetProperty("framework", out _));
        Assert.True(File.Exists(Path.Combine(package.App, "libcoreclr.so")), "The package carries no Linux runtime.");
    }

    [Fact]
    public void Zip_HoldsEveryFileOfThePackage_WithTheHandlerStillExecutable()
    {
        string[] files = [.. Directory.EnumerateFiles(package.App, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(package.App, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];
        using ZipArchive zip = ZipFile.OpenRead(package.Zip);
        ZipArchiveEntry[] entries = [.. zip.Entries.Where(e => !e.FullName.EndsWith('/'))];
        string[] names = [.. entries.Select(EntryPath).Order(StringComparer.Ordinal)];

        Assert.Equal(files, names);
        ZipArchiveEntry handler = entries.Single(e => EntryPath(e) == HandlerPath());
        var mode = (UnixFileMode)((handler.ExternalAttributes >> 16) & 0x1FF);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"The zip stores {handler.FullName} with mode {mode}.");
    }

    [Fact]
    public async Task Handler_StartedAsTheFunctionsHostStartsIt_ServesTheEngineStatusOnTheHostsPort()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(90));
        string hub = AzuriteServer.NewTaskHubName("pkg");
        int port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(package.App, HandlerPath()))
        {
            WorkingDirectory = package.App,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The settings the host passes: its port, the storage and the task hub; no .NET is pointed at.
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        start.Environment["TaskHubName"] = hub;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("DOTNET_ROOT");

        using Process handler = Process.Start(start) ?? throw new InvalidOperationException("The handler did not start.");
        var log = new StringBuilder();
        handler.OutputDataReceived += (_, e) => Append(log, e.Data);
        handler.ErrorDataReceived += (_, e) => Append(log, e.Data);
        handler.BeginOutputReadLine();
        handler.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            JsonElement status = await WaitForStatus(http, handler, log, timeout);

            Assert.Equal(hub, status.GetProperty("taskHub").GetString());
            Assert.Contains("DurableTask.AzureStorage", status.GetProperty("engine").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            handler.Kill(entireProcessTree: true);
            await handler.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>Asks until the handler answers; it listens only once its host has started.</summary>
    private static async Task<JsonElement> WaitForStatus(HttpClient http, Process handler, StringBuilder log, CancellationToken timeout)
    {
        while (true)
        {
            if (handler.HasExited)
            {
                throw new InvalidOperationException($"The handler exited with {handler.ExitCode}. Output:\n{Logged(log)}");
            }

            try
            {
                using HttpResponseMessage response = await http.GetAsync(new Uri("/", UriKind.Relative), timeout);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await response.Content.ReadFromJsonAsync<JsonElement>(timeout);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), timeout);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"The handler did not answer on its port. Output:\n{Logged(log)}");
            }
        }
    }

    private static string EntryPath(ZipArchiveEntry entry)
        => entry.FullName.StartsWith("./", StringComparison.Ordinal) ? entry.FullName[2..] : entry.FullName;

    private static string[] FunctionNames(string folder)
        => [.. Directory.GetDirectories(folder)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(d => Path.GetFileName(d))
            .Order(StringComparer.Ordinal)];

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static string Logged(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }
}
