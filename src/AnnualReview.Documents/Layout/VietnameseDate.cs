using System.Globalization;

namespace AnnualReview.Documents.Layout;

/// <summary>Dates written out the Vietnamese way, as the heading block and signatures use them.</summary>
public static class VietnameseDate
{
    /// <summary>"ngày 5 tháng 12 năm 2026".</summary>
    public static string Words(DateOnly date)
        => string.Create(CultureInfo.InvariantCulture, $"ngày {date.Day} tháng {date.Month} năm {date.Year}");

    /// <summary>"Thành phố Hồ Chí Minh, ngày 5 tháng 12 năm 2026".</summary>
    public static string Line(string place, DateOnly date)
        => string.IsNullOrWhiteSpace(place) ? char.ToUpperInvariant(Words(date)[0]) + Words(date)[1..] : $"{place.Trim()}, {Words(date)}";
}
