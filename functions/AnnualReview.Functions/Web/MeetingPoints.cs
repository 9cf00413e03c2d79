using System.Globalization;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rating;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Functions.Web;

/// <summary>
/// The meeting form's points, for rule sets that score them (QĐ 366): per member, the points the cell agreed per
/// criteria group and the task shares, entered instead of votes. Folded away by default, since most cells vote.
/// Shares are typed as percentages, as on the paper form, and kept as fractions. The share of last review's
/// shortcomings fixed is not typed: it is shown from the member's A.III and derived again when the meeting is recorded.
/// </summary>
internal static class MeetingPoints
{
    private static readonly (string Key, string Vi, string En)[] Shares =
    [
        ("onTime", "Nhiệm vụ đúng tiến độ (%)", "Tasks on time (%)"),
        ("exceeding", "Nhiệm vụ vượt yêu cầu (%)", "Tasks exceeding requirements (%)"),
        ("fixed", "Hạn chế kỳ trước đã khắc phục (%)", "Last review's shortcomings fixed (%)"),
    ];

    public static Raw Inputs(WebRequest r, PointsScale scale, Member m, Dictionary<string, string> values, decimal fixedShare)
    {
        ArgumentNullException.ThrowIfNull(values);
        values[$"s.{m.Id}.fixed"] = (fixedShare * 100m).ToString("0.##", CultureInfo.InvariantCulture);
        bool entered = Entered(scale, m.Id, values);
        var html = new Html().Add($"<details class=\"points\" id=\"points-{m.Id}\"{(entered ? new Raw(" open") : Raw.Empty)}><summary>{r.T("Ghi điểm thay cho phiếu", "Enter points instead of votes")}</summary>");
        foreach (CriteriaGroup group in scale.CriteriaGroups)
        {
            string name = $"p.{m.Id}.{group.Code}", id = $"p-{m.Id}-{group.Code}";
            html.Add($"<label for=\"{id}\">{r.T(group.NameVi, group.NameEn)} (/{group.MaxPoints.Value})</label><input type=\"number\" min=\"0\" max=\"{group.MaxPoints.Value}\" step=\"0.5\" id=\"{id}\" name=\"{name}\" value=\"{values.GetValueOrDefault(name, "")}\">");
        }

        foreach ((string key, string vi, string en) in Shares)
        {
            string name = $"s.{m.Id}.{key}", id = $"s-{m.Id}-{key}";
            html.Add($"<label for=\"{id}\">{r.T(vi, en)}</label><input type=\"number\" min=\"0\" max=\"100\" id=\"{id}\" name=\"{name}\" value=\"{values.GetValueOrDefault(name, "")}\"{(key == "fixed" ? new Raw(" readonly") : Raw.Empty)}>");
        }

        return html.Add($"</details>").ToRaw();
    }

    /// <summary>The points typed for a member, or null when none were; every unreadable field becomes an error under <paramref name="field"/>.</summary>
    public static PointsAssessment? Read(PointsScale scale, string memberId, Dictionary<string, string> values, string field, List<ValidationError> errors)
    {
        if (!Entered(scale, memberId, values))
        {
            return null;
        }

        var groups = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (CriteriaGroup group in scale.CriteriaGroups)
        {
            if (Number(values.GetValueOrDefault($"p.{memberId}.{group.Code}")) is { } points)
            {
                groups[group.Code] = points;
            }
        }

        decimal[] shares = new decimal[Shares.Length];
        string[] fields = ["tasksOnTimeShare", "tasksExceedingShare", "shortcomingsFixedShare"];
        for (int i = 0; i < Shares.Length; i++)
        {
            if (Number(values.GetValueOrDefault($"s.{memberId}.{Shares[i].Key}")) is { } percent)
            {
                shares[i] = percent / 100m;
            }
            else if (Shares[i].Key != "fixed")
            {
                errors.Add(new ValidationError("Required", $"{field}.{fields[i]}", $"{Shares[i].Vi}: hãy nhập một số.", $"{Shares[i].En}: enter a number."));
            }
        }

        // Missing or out-of-range group points are named by the domain's validator.
        return new PointsAssessment(groups, shares[0], shares[1], shares[2]);
    }

    private static bool Entered(PointsScale scale, string memberId, Dictionary<string, string> values)
        => scale.CriteriaGroups.Any(g => !string.IsNullOrWhiteSpace(values.GetValueOrDefault($"p.{memberId}.{g.Code}")));

    private static decimal? Number(string? text)
        => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal n) ? n : null;
}
