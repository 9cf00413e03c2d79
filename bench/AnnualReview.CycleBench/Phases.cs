using System.Diagnostics;
using System.Globalization;

namespace AnnualReview.CycleBench;

/// <summary>
/// One phase of the cycle as run: real seconds, the simulated dates it spanned, Azurite's CPU in it, how late the
/// latest person acted after their planned moment, and how much simulated time was left before the phase's deadline
/// when the engine showed its work applied (negative: the engine fell behind the calendar).
/// </summary>
internal sealed record PhaseRecord(string Name, DateTimeOffset SimStart, DateTimeOffset SimEnd, double RealSeconds, double AzuriteCpuSeconds, TimeSpan ActLag, TimeSpan? Margin);

/// <summary>The simulated calendar in Hồ Chí Minh City time, and the phases the bench went through.</summary>
internal sealed class Phases(TimeProvider clock, CallCounter counter)
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    private readonly List<PhaseRecord> _done = [];
    private readonly Stopwatch _real = new();
    private readonly Lock _gate = new();
    private string? _current;
    private DateTimeOffset _simStart;
    private TimeSpan _azuriteStart;
    private TimeSpan _actLag;
    private TimeSpan? _margin;

    public IReadOnlyList<PhaseRecord> Done => _done;

    public string Current => _current ?? "-";

    public ResourceSampler? Sampler { get; set; }

    /// <summary>A local date and time of the 2025 cycle (January and February are 2026).</summary>
    public static DateTimeOffset Local(int month, int day, int hour = 0, int minute = 0)
    {
        var local = new DateTime(month <= 2 ? 2026 : 2025, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
    }

    public static string Show(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone).ToString("dd MMM HH:mm", CultureInfo.InvariantCulture);

    public void Begin(string name)
    {
        End();
        _current = name;
        counter.Phase = name;
        _simStart = clock.GetUtcNow();
        _azuriteStart = Sampler?.AzuriteCpu() ?? TimeSpan.Zero;
        _actLag = TimeSpan.Zero;
        _margin = null;
        _real.Restart();
        Console.Error.WriteLine($"phase {name} begins at {Show(_simStart)}");
    }

    /// <summary>A person acted <paramref name="lag"/> (simulated) after their planned moment.</summary>
    public void ActedLate(TimeSpan lag)
    {
        lock (_gate)
        {
            _actLag = lag > _actLag ? lag : _actLag;
        }
    }

    /// <summary>The engine shows the phase's work applied now; it was due by <paramref name="by"/>. The tightest margin of a phase counts.</summary>
    public void Applied(string what, DateTimeOffset by)
    {
        DateTimeOffset now = clock.GetUtcNow();
        TimeSpan margin = by - now;
        _margin = _margin is { } earlier && earlier < margin ? earlier : margin;
        Console.Error.WriteLine($"{what} at {Show(now)}, {margin.TotalHours:0.0} h before {Show(by)}{(margin < TimeSpan.Zero ? " — BEHIND the calendar" : "")}");
    }

    public void End()
    {
        if (_current is null)
        {
            return;
        }

        TimeSpan azurite = (Sampler?.AzuriteCpu() ?? TimeSpan.Zero) - _azuriteStart;
        _done.Add(new PhaseRecord(_current, _simStart, clock.GetUtcNow(), _real.Elapsed.TotalSeconds, azurite.TotalSeconds, _actLag, _margin));
        Console.Error.WriteLine($"phase {_current} ends at {Show(clock.GetUtcNow())} after {_real.Elapsed.TotalSeconds:0.0} s");
        _current = null;
    }
}
