using System.Diagnostics;
using System.Text;
using AnnualReview.Testing;

namespace AnnualReview.FunctionApp.Tests.Publish;

/// <summary>
/// The deployment package, built once for a test class by running the repository's <c>publish.sh</c> into a
/// temporary folder (its build output stays there too, apart from the developer's bin/ and obj/).
/// </summary>
public sealed class PublishedPackage : IAsyncLifetime
{
    /// <summary>A cold publish on a busy 2-core machine takes minutes (it restores and builds the host's extensions too); a hung one fails here.</summary>
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(12);

    public PublishedPackage()
    {
        RepositoryRoot = FindRepositoryRoot();
        Output = Path.Combine(Path.GetTempPath(), "annualreview-package-" + Guid.NewGuid().ToString("N"));
    }

    public string RepositoryRoot { get; }

    /// <summary>The folder given to publish.sh.</summary>
    public string Output { get; }

    /// <summary>The package as a folder: what azd uploads and what the Functions host runs.</summary>
    public string App => Path.Combine(Output, "app");

    public string Zip => Path.Combine(Output, "annualreview.zip");

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "publish.sh"));
        start.ArgumentList.Add(Output);
        // `dotnet test` leaves MSBuild settings in the environment that would steer the nested build.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        process.StandardInput.Close();
        var log = new StringBuilder();
        Task stdout = Pump(process.StandardOutput, log);
        Task stderr = Pump(process.StandardError, log);
        try
        {
            await process.WaitForExitAsync(TestTimeout.For(PublishTimeout));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"publish.sh did not finish within {PublishTimeout}. Output:\n{Logged(log)}");
        }

        await Task.WhenAll(stdout, stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"publish.sh exited with {process.ExitCode}. Output:\n{Logged(log)}");
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Output))
        {
            Directory.Delete(Output, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static async Task Pump(StreamReader reader, StringBuilder log)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private static string Logged(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "publish.sh")) && File.Exists(Path.Combine(directory.FullName, "AnnualReview.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder holding publish.sh and AnnualReview.slnx was found above {AppContext.BaseDirectory}.");
    }
}
