using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace AnnualReview.Testing;

/// <summary>
/// Renders documents with LibreOffice (soffice --headless --convert-to), so a broken layout fails a test and can
/// be looked at. Each run gets its own profile directory: two soffice processes sharing one profile make the
/// second exit at once without converting anything, which tests running in parallel would otherwise hit.
/// </summary>
public static partial class LibreOffice
{
    public const string Soffice = "/usr/bin/soffice";

    /// <summary>A cold start on a busy 2-core machine takes several seconds; a hung soffice must not hang the run.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    /// <summary>Where rendered pages are kept for people to look at: bin/…/rendered/ under the test output.</summary>
    public static string RenderedDirectory
    {
        get
        {
            string directory = Path.Combine(AppContext.BaseDirectory, "rendered");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    /// <summary>Writes <paramref name="name"/>.docx into the rendered directory and converts it to PDF and to a PNG of its first page.</summary>
    public static async Task<Rendering> RenderAsync(byte[] docx, string name, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(docx);
        string directory = RenderedDirectory;
        string source = Path.Combine(directory, name + ".docx");
        await File.WriteAllBytesAsync(source, docx, cancellation);
        string pdf = await ConvertAsync(source, "pdf", directory, cancellation);
        string png = await ConvertAsync(source, "png", directory, cancellation);
        return new Rendering(source, pdf, png, PageCount(await File.ReadAllBytesAsync(pdf, cancellation)));
    }

    /// <summary>Converts one file; returns the path of the result, or throws with soffice's own output.</summary>
    public static async Task<string> ConvertAsync(string source, string format, string outputDirectory, CancellationToken cancellation)
    {
        if (!File.Exists(Soffice))
        {
            throw new InvalidOperationException($"{Soffice} is missing: install libreoffice-writer-nogui and libreoffice-draw-nogui (.ci/run does).");
        }

        string profile = Path.Combine(Path.GetTempPath(), "annualreview-soffice-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(Soffice)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-env:UserInstallation=file://" + profile, "--headless", "--norestore", "--convert-to", format, "--outdir", outputDirectory, source })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("soffice did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellation);
        Task<string> errors = process.StandardError.ReadToEndAsync(cancellation);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"soffice did not convert {source} to {format} within {Timeout.TotalSeconds} s.");
        }
        finally
        {
            TryDelete(profile);
        }

        string result = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(source) + "." + format);
        if (process.ExitCode != 0 || !File.Exists(result))
        {
            throw new InvalidOperationException($"soffice exited {process.ExitCode} without {result}.\n{await output}\n{await errors}");
        }

        return result;
    }

    /// <summary>Pages in a PDF as LibreOffice writes it (page objects are not compressed into object streams).</summary>
    public static int PageCount(byte[] pdf)
        => PageObject().Count(Encoding.Latin1.GetString(pdf));

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A profile left in /tmp costs a few hundred kilobytes; failing the test for it would hide the real result.
        }
    }
}

/// <summary>A document rendered: the DOCX, its PDF, a PNG of its first page, and the PDF's page count.</summary>
public sealed record Rendering(string Docx, string Pdf, string Png, int Pages)
{
    /// <summary>Width and height of the PNG, read from its IHDR chunk.</summary>
    public (int Width, int Height) PngSize()
    {
        byte[] head = new byte[24];
        using FileStream file = File.OpenRead(Png);
        file.ReadExactly(head);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(20)));
    }
}
