using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AnnualReview.Testing;

namespace AnnualReview.CycleBench;

/// <summary>
/// Azurite as three processes (blob, queue, table), each in memory on its own free port. One Azurite process is
/// a single Node.js thread serving all three services, and a city-sized cycle saturates it long before the
/// engine is busy; Azure runs the three services apart, so the bench does too and gets a second core.
/// </summary>
internal sealed class SplitAzurite : IAsyncDisposable
{
    private SplitAzurite(string connectionString, IReadOnlyList<Process> processes)
    {
        ConnectionString = connectionString;
        Processes = processes;
    }

    public string ConnectionString { get; }

    public IReadOnlyList<Process> Processes { get; }

    public static async Task<SplitAzurite> StartAsync(CancellationToken cancellation)
    {
        string bin = Path.Combine(RepositoryRoot(), "node_modules", ".bin");
        var processes = new List<Process>();
        var ports = new Dictionary<string, int>();
        try
        {
            foreach (string service in new[] { "blob", "queue", "table" })
            {
                int port = FreePort();
                ports[service] = port;
                var start = new ProcessStartInfo(Path.Combine(bin, "azurite-" + service))
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                foreach (string argument in new[] { "--inMemoryPersistence", "--skipApiVersionCheck", "--silent", "--loose", "--disableTelemetry", $"--{service}Host", "127.0.0.1", $"--{service}Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                {
                    start.ArgumentList.Add(argument);
                }

                Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start azurite-" + service);
                process.OutputDataReceived += (_, _) => { };
                process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) { Console.Error.WriteLine($"azurite-{service}: {line}"); } };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                processes.Add(process);
            }

            foreach (int port in ports.Values)
            {
                await WaitForAsync(port, cancellation);
            }

            return new SplitAzurite(AzuriteServer.BuildConnectionString("127.0.0.1", ports["blob"], ports["queue"], ports["table"]), processes);
        }
        catch
        {
            foreach (Process process in processes)
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
            }

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
