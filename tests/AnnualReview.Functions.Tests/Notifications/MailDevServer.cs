using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace AnnualReview.Functions.Tests.Notifications;

/// <summary>One mail as MailDev's REST API returns it (GET /api/email).</summary>
public sealed record CaughtMail(IReadOnlyList<string> To, string Subject, string Text, string? MessageId, string? NotificationKey);

/// <summary>
/// A real SMTP server for tests: MailDev (pinned in package.json), started on two free loopback ports (SMTP and
/// its REST API) and stopped on dispose. Mail is kept in a temporary folder of its own.
/// </summary>
public sealed class MailDevServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _api;
    private readonly string _folder;

    private MailDevServer(Process process, int smtpPort, int webPort, string folder)
    {
        _process = process;
        SmtpPort = smtpPort;
        _folder = folder;
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    public int SmtpPort { get; }

    public static async Task<MailDevServer> StartAsync(CancellationToken cancellation)
    {
        string root = RepositoryRoot();
        string executable = Path.Combine(root, "node_modules", ".bin", "maildev");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"MailDev is not installed at {executable}; run 'npm ci' in {root}.");
        }

        int smtp = FreePort(), web = FreePort();
        string folder = Path.Combine(Path.GetTempPath(), "annualreview-maildev-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in new[] { "--smtp", $"{smtp}", "--web", $"{web}", "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--mail-directory", folder, "--silent" })
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("MailDev did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MailDevServer(process, smtp, web, folder);
        try
        {
            await server.WaitUntilReadyAsync(cancellation);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task<List<CaughtMail>> MailAsync(CancellationToken cancellation)
    {
        JsonElement mails = await _api.GetFromJsonAsync<JsonElement>("api/email", cancellation);
        return [.. mails.EnumerateArray().Select(m => new CaughtMail(
            [.. m.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("address").GetString() ?? "")],
            m.GetProperty("subject").GetString() ?? "",
            m.TryGetProperty("text", out JsonElement text) ? text.GetString() ?? "" : "",
            Header(m, "message-id"),
            Header(m, "x-annualreview-notification")))];
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(stopped.Token);
            }
            catch (OperationCanceledException)
            {
                // Killed but not yet reaped; nothing more to do.
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the dying process; the temporary folder is cleaned up by the system.
        }
    }

    private static string? Header(JsonElement mail, string name)
        => mail.TryGetProperty("headers", out JsonElement headers) && headers.TryGetProperty(name, out JsonElement value) ? value.GetString() : null;

    private async Task WaitUntilReadyAsync(CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"MailDev exited with code {_process.ExitCode} while starting.");
            }

            try
            {
                using HttpResponseMessage health = await _api.GetAsync(new Uri("api/healthz", UriKind.Relative), deadline.Token);
                if (health.StatusCode == HttpStatusCode.OK && await SmtpAcceptsAsync(deadline.Token))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, deadline.Token);
        }
    }

    private async Task<bool> SmtpAcceptsAsync(CancellationToken cancellation)
    {
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync(IPAddress.Loopback, SmtpPort, cancellation);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "AnnualReview.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (package.json) was not found above the test binaries.");
    }
}
