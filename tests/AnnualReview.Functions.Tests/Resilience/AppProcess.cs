using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AnnualReview.Functions.Tests.Resilience;

/// <summary>
/// The app as a real process (<c>dotnet AnnualReview.Functions.dll</c> from the build output) on a fixed port,
/// which a test can kill with SIGKILL and start again with the same settings, over the same storage.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _settings;
    private readonly StringBuilder _log = new();
    private Process? _process;

    public AppProcess(IReadOnlyDictionary<string, string> settings)
    {
        Port = FreePort();
        _settings = new Dictionary<string, string>(settings) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}" };
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public int Starts { get; private set; }

    public int Kills { get; private set; }

    /// <summary>How long a start may take before the test fails with the app's log instead of waiting on.</summary>
    public static TimeSpan ReadyWithin { get; } = TimeSpan.FromSeconds(60);

    /// <summary>The last lines the process wrote, for a failing test's message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.Length > 8000 ? _log.ToString(_log.Length - 8000, 8000) : _log.ToString();
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellation)
    {
        string app = typeof(AppHost).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(app);
        foreach (var (key, value) in _settings)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Starts++;
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var startedAt = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (startedAt.Elapsed > ReadyWithin)
            {
                throw new TimeoutException($"The app (start {Starts}) did not answer its status page within {ReadyWithin.TotalSeconds} s:\n{Log}");
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using HttpResponseMessage status = await http.GetAsync(new Uri("/", UriKind.Relative), cancellation);
                if (status.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
            {
                // Slow to answer while starting.
            }

            await Task.Delay(100, cancellation);
        }
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown code runs, whatever the app was doing is cut off.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } running)
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
            Kills++;
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
