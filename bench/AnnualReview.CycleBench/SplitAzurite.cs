using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AnnualReview.Testing;

namespace AnnualReview.CycleBench;

/// <summary>
/// Azurite as four processes (blob, queue, and two for tables), each on its own free port. One Azurite process is
/// a single Node.js thread serving all three services, and a city-sized cycle saturates it long before the
/// engine is busy; Azure runs the three services apart, so the bench does too and gets a second core.
/// The queue service keeps its messages on disk (a temporary folder) rather than in memory: in memory every
/// message is an extent of its own, and Azurite's once-a-minute sweep of deleted extents then stops the queue
/// service for tens of seconds; on disk messages share extent files and the sweep has almost nothing to do.
/// Blob and table stay in memory. Tables get two processes: one for the task hub's tables, one for the
/// assessment tables (people, reviews, inboxes, read models). Azure spreads tables over partition servers; one
/// Node.js thread holding every table of a 100,000-member city is the first thing to saturate once the queues
/// no longer stall.
/// </summary>
internal sealed class SplitAzurite : IAsyncDisposable
{
    private readonly string _queueFolder;

    private SplitAzurite(string connectionString, string assessmentConnectionString, IReadOnlyList<Process> processes, string queueFolder)
    {
        ConnectionString = connectionString;
        AssessmentConnectionString = assessmentConnectionString;
        Processes = processes;
        _queueFolder = queueFolder;
    }

    /// <summary>The engine's storage: blob, queue and the task hub's table process.</summary>
    public string ConnectionString { get; }

    /// <summary>The activities' and people's storage: the same blob and queue, the second table process.</summary>
    public string AssessmentConnectionString { get; }

    public IReadOnlyList<Process> Processes { get; }

    public static async Task<SplitAzurite> StartAsync(CancellationToken cancellation)
    {
        string root = RepositoryRoot();
        string bin = Path.Combine(root, "node_modules", ".bin");
        if (!File.Exists(Path.Combine(bin, "azurite-table")))
        {
            throw new InvalidOperationException($"Azurite is not installed in {root}: run npm ci there first (the bench starts node_modules/.bin/azurite-blob, -queue and -table).");
        }

        var processes = new List<Process>();
        var ports = new Dictionary<string, int>();
        string queueFolder = Directory.CreateTempSubdirectory("cyclebench-queue-").FullName;
        try
        {
            foreach (string name in new[] { "blob", "queue", "table", "table2" })
            {
                string service = name.TrimEnd('2');
                int port = FreePort();
                ports[name] = port;
                var start = new ProcessStartInfo(Path.Combine(bin, "azurite-" + service))
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                if (service == "table")
                {
                    // The table services hold every row in memory; at 100,000 members their heaps pass 1 GB, and with
                    // Node's default young generation (16 MB) most of their time goes to scavenges and promotion.
                    start.Environment["NODE_OPTIONS"] = "--max-old-space-size=12288 --max-semi-space-size=64";
                }

                string[] persistence = service == "queue" ? ["--location", queueFolder] : ["--inMemoryPersistence"];
                foreach (string argument in persistence.Concat(["--skipApiVersionCheck", "--silent", "--loose", "--disableTelemetry", $"--{service}Host", "127.0.0.1", $"--{service}Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    start.ArgumentList.Add(argument);
                }

                Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start azurite-" + service);
                process.OutputDataReceived += (_, _) => { };
                process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) { Console.Error.WriteLine($"azurite-{name}: {line}"); } };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                processes.Add(process);
            }

            foreach (int port in ports.Values)
            {
                await WaitForAsync(port, cancellation);
            }

            return new SplitAzurite(
                AzuriteServer.BuildConnectionString("127.0.0.1", ports["blob"], ports["queue"], ports["table"]),
                AzuriteServer.BuildConnectionString("127.0.0.1", ports["blob"], ports["queue"], ports["table2"]),
                processes,
                queueFolder);
        }
        catch
        {
            foreach (Process process in processes)
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
            }

            Directory.Delete(queueFolder, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (Process process in Processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        Directory.Delete(_queueFolder, recursive: true);
    }

    private static async Task WaitForAsync(int port, CancellationToken cancellation)
    {
        for (int attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellation);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellation);
            }
        }

        throw new TimeoutException($"Azurite did not listen on port {port} within 30 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AnnualReview.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the bench from the repository (node_modules/.bin/azurite-* is needed).");
    }
}
