using System.Globalization;

namespace AnnualReview.Assessment.Rules;

/// <summary>A day of the year without the year ("12-31"), placed in a cycle's year when the cycle starts.</summary>
public sealed record AnnualDate(int Month, int Day)
{
    public DateOnly In(int year) => new(year, Month, Math.Min(Day, DateTime.DaysInMonth(year, Month)));

    /// <summary>Reads "MM-dd"; null when it is not a day of some year.</summary>
    public static AnnualDate? Parse(string text)
        => DateOnly.TryParseExact($"2000-{text}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)
            ? new AnnualDate(day.Month, day.Day)
            : null;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Month:D2}-{Day:D2}");
}
