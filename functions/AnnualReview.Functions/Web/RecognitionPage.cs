using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Web;

/// <summary>
/// Recognition (certificates, five consecutive Excellent years) and follow-up (Not completed, twice in a row) for a
/// unit's members in one cycle, from the ratings kept across years.
/// </summary>
public static class RecognitionPage
{
    private static readonly string[] Readers = [AppRoles.OrganizationBoard, AppRoles.Committee, AppRoles.Auditor];
    private const int MaxMembers = 500;

    public static void Map(IEndpointRouteBuilder app)
        => app.MapPage("GET", WebUi.Root + "/recognition", Readers, ShowAsync);

    private static async Task<IResult> ShowAsync(WebRequest r)
    {
        string? unitId = r.Query("unit") ?? r.Caller.UnitId;
        if (unitId is null || !await r.CoversAsync(unitId))
        {
            return WebPage.Forbidden(r);
        }

        CycleSummary? cycle = await r.Service<CycleDirectory>().PickAsync(r, unitId);
        if (cycle is null)
        {
            return Layout.Render(r, r.T("Khen thưởng và theo dõi", "Recognition and follow-up"), Html.Of($"<p>{r.T("Chưa có đợt đánh giá nào.", "No cycle yet.")}</p>"));
        }

        ReadModelStore reads = r.Service<ReadModelStore>();
        RosterStore roster = r.Service<RosterStore>();
        var tree = await ProgressTree.LoadAsync(reads, roster, cycle.CycleId, r.Cancellation);
        var cells = (await reads.ReadProgressAsync(cycle.CycleId, r.Cancellation)).Where(p => p.Kind == UnitKind.Cell && tree.Contains(unitId, p.UnitId)).ToList();
        var awarded = new List<(Member Member, RatingRecord Record)>();
        var followUp = new List<(Member Member, RatingLevel Level, bool Twice)>();
        int seen = 0;
        foreach (ProgressRow cell in cells)
        {
            var members = (await roster.GetCellMembersAsync(cell.UnitId, r.Cancellation)).ToDictionary(m => m.Id, StringComparer.Ordinal);
            foreach (MemberResult result in await reads.ReadMemberStagesAsync(cycle.CycleId, cell.UnitId, r.Cancellation))
            {
                if (++seen > MaxMembers || !members.TryGetValue(result.MemberId, out Member? member))
                {
                    continue;
                }

                List<RatingRecord> ratings = await reads.ReadRatingsAsync(member.Id, r.Cancellation);
                RatingRecord? thisYear = ratings.FirstOrDefault(x => x.Year == cycle.Input.Year && !x.Cancelled);
                if (thisYear is { Awards.Count: > 0 })
                {
                    awarded.Add((member, thisYear));
                }

                RatingLevel? level = thisYear?.Level ?? result.Final;
                if (level == RatingLevel.NotCompleted)
                {
                    bool twice = ratings.Any(x => x.Year == cycle.Input.Year - 1 && !x.Cancelled && x.Level == RatingLevel.NotCompleted);
                    followUp.Add((member, level.Value, twice));
                }
            }
        }

        string unitName = (await r.Service<RosterStore>().GetUnitAsync(unitId, r.Cancellation))?.Name ?? unitId;
        var body = new Html().Add($"<p><span title=\"{cycle.CycleId}\">{Labels.Cycle(r, cycle.Input.Year, null)}</span> · <span title=\"{unitId}\">{unitName}</span></p>");
        body.Add($"<h2>{r.T("Đề nghị khen thưởng", "Put forward for recognition")} ({awarded.Count})</h2>");
        if (awarded.Count == 0)
        {
            body.Add($"<p class=\"muted\">{r.T("Chưa có (danh sách có sau khi cấp ủy hoàn tất quyết định).", "None yet (the list appears once the committee finalizes).")}</p>");
        }
        else
        {
            body.Add($"<div class=\"table-wrap\"><table id=\"awards\"><thead><tr><th>{r.T("Đảng viên", "Member")}</th><th>{r.T("Chi bộ", "Cell")}</th><th>{r.T("Khen thưởng", "Awards")}</th></tr></thead><tbody>");
            foreach (var (member, record) in awarded.OrderBy(a => a.Member.FullName, StringComparer.CurrentCulture))
            {
                body.Add($"<tr><td>{member.FullName}</td><td>{member.CellId}</td><td>{string.Join(", ", record.Awards.Select(a => Award(r, a)))}</td></tr>");
            }

            body.Add($"</tbody></table></div>");
        }

        body.Add($"<h2>{r.T("Cần theo dõi, giúp đỡ", "Follow-up")} ({followUp.Count})</h2>");
        if (followUp.Count == 0)
        {
            body.Add($"<p class=\"muted\">{r.T("Không có.", "None.")}</p>");
        }
        else
        {
            body.Add($"<div class=\"table-wrap\"><table id=\"follow-up\"><thead><tr><th>{r.T("Đảng viên", "Member")}</th><th>{r.T("Chi bộ", "Cell")}</th><th>{r.T("Mức", "Level")}</th><th>{r.T("Ghi chú", "Note")}</th></tr></thead><tbody>");
            foreach (var (member, level, twice) in followUp)
            {
                body.Add($"<tr><td>{member.FullName}</td><td>{member.CellId}</td><td>{r.Level(level)}</td><td>{(twice ? r.T("Hai năm liền không hoàn thành nhiệm vụ: xem xét đưa ra khỏi Đảng", "Two consecutive years not completed: consider removal") : "")}</td></tr>");
            }

            body.Add($"</tbody></table></div>");
        }

        return Layout.Render(r, r.T("Khen thưởng và theo dõi", "Recognition and follow-up"), body.ToRaw());
    }

    private static string Award(WebRequest r, string award)
    {
        string kind = award.Split(':')[0];
        string years = award.Contains(':', StringComparison.Ordinal) ? award[(award.IndexOf(':', StringComparison.Ordinal) + 1)..] : "";

        // A range of one year ("2026-2026") is that year; a longer one reads "2022–2026".
        string[] span = years.Split('-');
        years = span.Length == 2 && span[0] == span[1] ? span[0] : years.Replace("-", "–", StringComparison.Ordinal);
        return kind switch
        {
            "YearCertificate" => r.T("Giấy khen năm ", "Certificate for ") + years,
            "FiveConsecutiveExcellent" => r.T("5 năm liền Hoàn thành xuất sắc ", "Five consecutive Excellent years ") + years,
            _ => r.T("Khen thưởng ", "Award ") + years,
        };
    }

    /// <summary>A member's ratings in earlier years, as a table.</summary>
    internal static async Task<Raw> PastYearsAsync(WebRequest r, string memberId)
    {
        var ratings = (await r.Service<ReadModelStore>().ReadRatingsAsync(memberId, r.Cancellation)).OrderByDescending(x => x.Year).ToList();
        var html = new Html().Add($"<h2>{r.T("Kết quả các năm", "Results by year")}</h2>");
        if (ratings.Count == 0)
        {
            return html.Add($"<p class=\"muted\">{r.T("Chưa có.", "None yet.")}</p>").ToRaw();
        }

        html.Add($"<div class=\"table-wrap\"><table><thead><tr><th>{r.T("Năm", "Year")}</th><th>{r.T("Mức", "Level")}</th><th>{r.T("Khen thưởng", "Awards")}</th></tr></thead><tbody>");
        foreach (RatingRecord x in ratings)
        {
            html.Add(x.Cancelled
                ? Html.Of($"<tr><td>{x.Year}</td><td><del>{r.Level(x.Level)}</del> {x.CancelReason}</td><td></td></tr>")
                : Html.Of($"<tr><td>{x.Year}</td><td>{r.Level(x.Level)}</td><td>{string.Join(", ", x.Awards.Select(a => Award(r, a)))}</td></tr>"));
        }

        return html.Add($"</tbody></table></div>").ToRaw();
    }

    /// <summary>The four years before <paramref name="year"/>, compactly, for the appraisal table.</summary>
    internal static async Task<string> PastYearsLineAsync(WebRequest r, string memberId, int year)
    {
        var ratings = (await r.Service<ReadModelStore>().ReadRatingsAsync(memberId, r.Cancellation)).Where(x => !x.Cancelled && x.Year < year && x.Year >= year - 4).ToDictionary(x => x.Year);
        return string.Join(" · ", Enumerable.Range(year - 4, 4).Select(y => $"{y}: {(ratings.TryGetValue(y, out RatingRecord? x) ? Short(x.Level) : "—")}"));
    }

    private static string Short(RatingLevel level) => level switch
    {
        RatingLevel.Excellent => "XS",
        RatingLevel.Good => "T",
        RatingLevel.Completed => "HT",
        _ => "K",
    };
}
