using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace AnnualReview.Testing;

/// <summary>
/// An Azure Storage emulator (Azurite) for tests: either the one named by the <c>ANNUALREVIEW_STORAGE</c>
/// environment variable (as <c>.ci/run</c> exports it), or a fresh in-memory Azurite process on three free
/// loopback ports, started from the repository's pinned npm package and stopped on dispose.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>The environment variable that, when set, holds the connection string of an already running emulator.</summary>
    public const string StorageVariable = "ANNUALREVIEW_STORAGE";

    /// <summary>The emulator's well-known development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The well-known key of <see cref="AccountName"/>; public knowledge, not a secret.</summary>
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string LoopbackHost = "127.0.0.1";
    private const string PortInUseKey = "AnnualReview.Testing.PortInUse";
    private const int StartAttempts = 3;
    private const int TaskHubNameMaxLength = 20;
    private const int TaskHubSuffixLength = 10;
    private const string TaskHubSuffixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan NpmCiTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    private readonly EventHandler? _killOnExit;
    private int _disposed;

    private AzuriteServer(string connectionString, Process? process)
    {
        ConnectionString = connectionString;
        Process = process;
        if (process is not null)
        {
            // If the test host ends without disposing the server (a crash, an aborted run), do not leave Azurite behind.
            _killOnExit = (_, _) => KillTree(process);
            AppDomain.CurrentDomain.ProcessExit += _killOnExit;
        }
    }

    /// <summary>The storage connection string, with explicit blob, queue and table endpoints.</summary>
    public string ConnectionString { get; }

    /// <summary>The Azurite process this server started, or <see langword="null"/> when it uses <c>ANNUALREVIEW_STORAGE</c>.</summary>
    public Process? Process { get; }

    /// <summary>
    /// Uses the emulator named by <c>ANNUALREVIEW_STORAGE</c> when that variable is set; otherwise starts a
    /// fresh Azurite process (see <see cref="StartProcessAsync"/>).
    /// </summary>
    public static Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var configured = Environment.GetEnvironmentVariable(StorageVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Task.FromResult(new AzuriteServer(configured.Trim(), process: null));
        }

        return StartProcessAsync(cancellationToken);
    }

    /// <summary>
    /// Starts a fresh in-memory Azurite process on three free loopback ports, whatever <c>ANNUALREVIEW_STORAGE</c>
    /// says, and waits until all three services accept connections. Runs <c>npm ci</c> in the repository root first
    /// when the pinned Azurite is not installed there yet.
    /// </summary>
    /// <exception cref="TimeoutException">Azurite did not listen on all three ports within 60 seconds.</exception>
    /// <exception cref="InvalidOperationException">Azurite could not be installed or exited while starting.</exception>
    public static async Task<AzuriteServer> StartProcessAsync(CancellationToken cancellationToken = default)
    {
        var root = FindRepositoryRoot();
        var executable = await EnsureAzuriteInstalledAsync(root, cancellationToken).ConfigureAwait(false);

        // A port that was free a moment ago can be taken before Azurite binds it; then start again on new ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(root, executable, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e) when (e.Data.Contains(PortInUseKey) && attempt < StartAttempts)
            {
            }
        }
    }

    /// <summary>
    /// A connection string for the development account with explicit endpoints on <paramref name="host"/>.
    /// </summary>
    public static string BuildConnectionString(string host, int blobPort, int queuePort, int tablePort)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://{host}:{blobPort}/{AccountName};" +
            $"QueueEndpoint=http://{host}:{queuePort}/{AccountName};" +
            $"TableEndpoint=http://{host}:{tablePort}/{AccountName};");
    }

    /// <summary>
    /// A new, unique task hub name that is valid in Azure table, queue and blob container names: lowercase ASCII
    /// letters and digits only, starting with a letter, at most 20 characters. It is the letters and digits of
    /// <paramref name="prefix"/> (lowercased, cut to 10 characters, with a leading <c>t</c> if it would not start
    /// with a letter) followed by 10 random characters.
    /// </summary>
    public static string NewTaskHubName(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);

        var name = new StringBuilder(TaskHubNameMaxLength);
        foreach (var c in prefix)
        {
            if (char.IsAsciiLetter(c) || char.IsAsciiDigit(c))
            {
                name.Append(char.ToLowerInvariant(c));
            }
        }

        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            name.Insert(0, 't');
        }

        name.Length = Math.Min(name.Length, TaskHubNameMaxLength - TaskHubSuffixLength);

        Span<char> suffix = stackalloc char[TaskHubSuffixLength];
        RandomNumberGenerator.GetItems(TaskHubSuffixAlphabet, suffix);
        return name.Append(suffix).ToString();
    }

    /// <summary>Stops the Azurite process (with all its children) if this server started one.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || Process is null)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= _killOnExit;
        KillTree(Process);
        using (var stopped = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await Process.WaitForExitAsync(stopped.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Killed but not yet reaped; nothing more to do from here.
            }
        }

        Process.Dispose();
    }

    private static async Task<AzuriteServer> StartOnceAsync(
        string root, string executable, CancellationToken cancellationToken)
    {
        var ports = FindFreePorts(3);
        var (blobPort, queuePort, tablePort) = (ports[0], ports[1], ports[2]);

        var startInfo = new ProcessStartInfo(executable)
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--inMemoryPersistence", "--skipApiVersionCheck", "--silent", "--loose", "--disableTelemetry",
            "--blobHost", LoopbackHost, "--blobPort", Invariant(blobPort),
            "--queueHost", LoopbackHost, "--queuePort", Invariant(queuePort),
            "--tableHost", LoopbackHost, "--tablePort", Invariant(tablePort),
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var stdout = new OutputTail();
        var stderr = new OutputTail();
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => stdout.Add(e.Data);
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);

        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException($"Could not start Azurite ({executable}).");
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var deadline = Stopwatch.StartNew();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();

                if (process.HasExited)
                {
                    // Lets the asynchronous readers deliver the last lines before they are quoted.
                    await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                    var failure = new InvalidOperationException(
                        $"Azurite exited with code {process.ExitCode} before it listened on ports " +
                        $"{blobPort}/{queuePort}/{tablePort}.{Describe(stderr, stdout)}");
                    if (stderr.Contains("EADDRINUSE") || stdout.Contains("EADDRINUSE"))
                    {
                        failure.Data[PortInUseKey] = true;
                    }

                    throw failure;
                }

                if (await AcceptsAsync(blobPort, cancellationToken).ConfigureAwait(false)
                    && await AcceptsAsync(queuePort, cancellationToken).ConfigureAwait(false)
                    && await AcceptsAsync(tablePort, cancellationToken).ConfigureAwait(false))
                {
                    return new AzuriteServer(
                        BuildConnectionString(LoopbackHost, blobPort, queuePort, tablePort), process);
                }

                if (deadline.Elapsed > StartTimeout)
                {
                    throw new TimeoutException(
                        $"Azurite did not accept connections on ports {blobPort}/{queuePort}/{tablePort} " +
                        $"within {StartTimeout.TotalSeconds:0} s.{Describe(stderr, stdout)}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            KillTree(process);
            process.Dispose();
            throw;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "package.json"))
                && File.Exists(Path.Combine(directory.FullName, "AnnualReview.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No directory holding both package.json and AnnualReview.slnx was found above {AppContext.BaseDirectory}; " +
            $"cannot start Azurite. Run the tests from the repository, or set {StorageVariable} to a storage connection string.");
    }

    private static string AzuritePath(string root) =>
        Path.Combine(root, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");

    private static async Task<string> EnsureAzuriteInstalledAsync(string root, CancellationToken cancellationToken)
    {
        var executable = AzuritePath(root);
        if (File.Exists(executable))
        {
            return executable;
        }

        // Several test assemblies may start at once: one npm ci at a time, within this process and across processes.
        await InstallGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var crossProcessLock = await AcquireInstallLockAsync(root, cancellationToken).ConfigureAwait(false);
            if (!File.Exists(executable))
            {
                await RunNpmCiAsync(root, cancellationToken).ConfigureAwait(false);
            }

            if (!File.Exists(executable))
            {
                throw new InvalidOperationException($"npm ci in {root} succeeded but did not install {executable}.");
            }

            return executable;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static async Task<FileStream> AcquireInstallLockAsync(string root, CancellationToken cancellationToken)
    {
        var rootHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..16];
        var lockPath = Path.Combine(Path.GetTempPath(), $"annualreview-npm-ci-{rootHash}.lock");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < NpmCiTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task RunNpmCiAsync(string root, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add("ci");
        startInfo.ArgumentList.Add("--no-audit");
        startInfo.ArgumentList.Add("--no-fund");

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException("Could not start npm to install Azurite.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(NpmCiTimeout);

        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException($"npm ci in {root} did not finish within {NpmCiTimeout.TotalMinutes:0} minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"npm ci in {root} failed with exit code {process.ExitCode}.\nstderr:\n{await stderr.ConfigureAwait(false)}\n" +
                $"stdout:\n{await stdout.ConfigureAwait(false)}");
        }
    }

    private static List<int> FindFreePorts(int count)
    {
        // All listeners stay open until every port is chosen, so the ports differ from one another.
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return listeners.ConvertAll(listener => ((IPEndPoint)listener.LocalEndpoint).Port);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // The process has already exited, or was never started.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // The process is exiting already.
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Describe(OutputTail stderr, OutputTail stdout) =>
        $"\nAzurite stderr:\n{stderr}\nAzurite stdout:\n{stdout}";

    /// <summary>The last lines of one output stream of a process, kept for error messages.</summary>
    private sealed class OutputTail
    {
        private const int MaxLines = 200;
        private readonly Queue<string> _lines = new();
        private readonly Lock _gate = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                if (_lines.Count == MaxLines)
                {
                    _lines.Dequeue();
                }

                _lines.Enqueue(line);
            }
        }

        public bool Contains(string text)
        {
            lock (_gate)
            {
                return _lines.Any(line => line.Contains(text, StringComparison.Ordinal));
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return _lines.Count == 0 ? "(nothing)" : string.Join('\n', _lines);
            }
        }
    }
}
