using System.Globalization;
using AnnualReview.Assessment.Model;

namespace AnnualReview.Functions.Notifications.Texts;

/// <summary>
/// A notification's data with the formatting the texts need: dates in Vietnam's time zone, steps, levels,
/// awards and flags by name in the reader's language. Missing keys read as empty, so an older or newer data
/// shape still renders.
/// </summary>
public sealed class TemplateData(IReadOnlyDictionary<string, string> data, NotificationLanguage language)
{
    public const string TimeZoneId = "Asia/Ho_Chi_Minh";

    /// <summary>Vietnam keeps UTC+7 all year; the fixed offset stands in when the system has no time zone data.</summary>
    private static readonly TimeZoneInfo Vietnam = FindVietnam();

    private bool English => language == NotificationLanguage.English;

    public string this[string key] => data.TryGetValue(key, out string? value) ? value.Trim() : "";

    public bool Has(string key) => this[key].Length > 0;

    public bool Flag(string key) => string.Equals(this[key], "true", StringComparison.OrdinalIgnoreCase);

    public string Unit => this["unit"];

    /// <summary>A date-time from the data (ISO 8601, UTC) as a reader in Vietnam writes it.</summary>
    public string Date(string key)
    {
        if (!DateTimeOffset.TryParse(this[key], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at))
        {
            return this[key];
        }

        DateTimeOffset local = TimeZoneInfo.ConvertTime(at, Vietnam);
        return English
            ? local.ToString("d MMMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en-GB")) + " (Vietnam time)"
            : local.ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);
    }

    public string Step => this["step"] switch
    {
        "SelfReview" => English ? "self-review" : "tự kiểm điểm, tự đánh giá, xếp loại",
        "CellMeeting" => English ? "cell review meeting" : "họp chi bộ kiểm điểm, đề xuất xếp loại",
        "GrassrootsDecision" => English ? "grassroots organization's rating decision" : "tổ chức cơ sở đảng quyết định xếp loại đảng viên",
        "CommitteeDecision" => English ? "superior committee's rating decision" : "cấp ủy cấp trên quyết định xếp loại tổ chức đảng",
        "BoardReport" => English ? "report to the organization board" : "báo cáo kết quả lên Ban Tổ chức",
        var other => other,
    };

    public string Level(string key = "level") => Enum.TryParse(this[key], out RatingLevel level) ? LevelName(level) : this[key];

    public string LevelName(RatingLevel level) => level switch
    {
        RatingLevel.Excellent => English ? "Excellently completed duties" : "Hoàn thành xuất sắc nhiệm vụ",
        RatingLevel.Good => English ? "Well completed duties" : "Hoàn thành tốt nhiệm vụ",
        RatingLevel.Completed => English ? "Completed duties" : "Hoàn thành nhiệm vụ",
        _ => English ? "Did not complete duties" : "Không hoàn thành nhiệm vụ",
    };

    /// <summary>Award keys as the workflows store them ("YearCertificate:2025-2025"), by name.</summary>
    public IReadOnlyList<string> Awards(string key) => [.. List(key).Select(AwardName)];

    public IReadOnlyList<string> Flags(string key = "flags") => [.. List(key).Select(f => f switch
    {
        "TwoConsecutiveNotCompleted" => English
            ? "two consecutive years of not completing duties (for the competent level to consider under the Party Charter)"
            : "hai năm liền không hoàn thành nhiệm vụ (cấp có thẩm quyền xem xét theo Điều lệ Đảng)",
        var other => other,
    })];

    public IReadOnlyList<string> List(string key) => [.. this[key].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private string AwardName(string award)
    {
        string[] parts = award.Split(':', '-');
        if (parts.Length != 3 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out int first) || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out int last))
        {
            return award;
        }

        int years = last - first + 1;
        return parts[0] switch
        {
            "YearCertificate" => English ? $"certificate of merit for {last}" : $"Giấy khen năm {last}",
            "FiveConsecutiveExcellent" => English
                ? $"award for {years} consecutive years of excellently completed duties ({first}–{last})"
                : $"khen thưởng {years} năm liền hoàn thành xuất sắc nhiệm vụ ({first}–{last})",
            _ => award,
        };
    }

    private static TimeZoneInfo FindVietnam()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(TimeZoneId, TimeSpan.FromHours(7), "Vietnam", "Vietnam");
        }
    }
}
