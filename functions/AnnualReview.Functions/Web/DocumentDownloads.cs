using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Api.Documents;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Functions.Security;

namespace AnnualReview.Functions.Web;

/// <summary>
/// The paper dossier from the web pages: links to each printable document where it belongs, and the download
/// routes behind the cookie sign-in. The routes run the API's own document handlers, so a page link reaches exactly
/// what the API would give the same person (a member their own self-review, readers their subtree).
/// </summary>
public static class DocumentDownloads
{
    private const string Path = WebUi.Root + "/documents";

    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        DocumentHandlers handlers = DocumentEndpoints.Handlers(app.ServiceProvider);
        string[] readers = ReviewAccess.Readers;
        app.MapPage("GET", Path + "/self-review", [AppRoles.Member, .. readers], r => handlers.SelfReviewAsync(r.Http, Arg(r, "cycle"), Arg(r, "member")));
        app.MapPage("GET", Path + "/collective-report", readers, r => handlers.CollectiveReportAsync(r.Http, Arg(r, "cycle"), Arg(r, "cell")));
        app.MapPage("GET", Path + "/meeting-minutes", readers, r => handlers.MeetingMinutesAsync(r.Http, Arg(r, "cycle"), Arg(r, "cell")));
        app.MapPage("GET", Path + "/decision-list", DocumentEndpoints.AppraisalRoles, r => handlers.DecisionListAsync(r.Http, Arg(r, "cycle"), Arg(r, "unit")));
        app.MapPage("GET", Path + "/report", readers, r => handlers.UnitReportAsync(r.Http, Arg(r, "cycle"), Arg(r, "unit")));
        app.MapPage("GET", Path + "/dossier", DocumentEndpoints.DossierRoles, r => handlers.DossierAsync(r.Http, Arg(r, "cycle"), Arg(r, "unit")));
    }

    /// <summary>On the self-review page: the member's own form, printed.</summary>
    public static Raw ForMember(WebRequest r, string cycleId, string memberId)
    {
        ArgumentNullException.ThrowIfNull(r);
        return Links(r, [(Href("self-review", cycleId, "member", memberId), "doc-self-review", r.T("Tải bản kiểm điểm (DOCX) để in, ký", "Download the self-review (DOCX) to print and sign"))]);
    }

    /// <summary>On the meeting page: the collective report (Mẫu 01) and the minutes with the vote counts.</summary>
    public static Raw ForCell(WebRequest r, string cycleId, string cellId)
    {
        ArgumentNullException.ThrowIfNull(r);
        return Links(r,
        [
            (Href("collective-report", cycleId, "cell", cellId), "doc-collective-report", r.T("Báo cáo kiểm điểm tập thể (Mẫu 01)", "Collective report (form 01)")),
            (Href("meeting-minutes", cycleId, "cell", cellId), "doc-meeting-minutes", r.T("Biên bản họp chi bộ", "Cell meeting minutes")),
        ]);
    }

    /// <summary>On the appraisal page: the decision list with levels and reasons.</summary>
    public static Raw ForOrganization(WebRequest r, string cycleId, string unitId)
    {
        ArgumentNullException.ThrowIfNull(r);
        return Links(r, [(Href("decision-list", cycleId, "unit", unitId), "doc-decision-list", r.T("Danh sách xếp loại kèm quyết định", "Decision list"))]);
    }

    /// <summary>On a unit's dashboard: its report upward (Mẫu 04) and, for the board, the whole dossier as a ZIP.</summary>
    public static Raw ForUnit(WebRequest r, string cycleId, Unit unit)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(unit);
        var links = new List<(string, string, string)>();
        if (unit.Kind != UnitKind.Cell)
        {
            links.Add((Href("report", cycleId, "unit", unit.Id), "doc-report", r.T("Báo cáo kết quả (Mẫu 04)", "Results report (form 04)")));
        }

        if (r.Caller.IsAny(DocumentEndpoints.DossierRoles))
        {
            links.Add((Href("dossier", cycleId, "unit", unit.Id), "doc-dossier", r.T("Toàn bộ hồ sơ (ZIP, kèm bảng băm)", "Whole dossier (ZIP with hash manifest)")));
        }

        return links.Count == 0 ? Raw.Empty : Links(r, links);
    }

    private static Raw Links(WebRequest r, IEnumerable<(string Href, string Id, string Text)> links)
    {
        var html = new Html().Add($"<p class=\"documents\">{r.T("Văn bản", "Documents")}: ");
        string separator = "";
        foreach ((string href, string id, string text) in links)
        {
            html.Add($"{separator}<a href=\"{href}\" id=\"{id}\" download>{text}</a>");
            separator = " · ";
        }

        return html.Add($"</p>").ToRaw();
    }

    private static string Href(string document, string cycleId, string key, string id)
        => $"{Path}/{document}?cycle={Uri.EscapeDataString(cycleId)}&{key}={Uri.EscapeDataString(id)}";

    private static string Arg(WebRequest r, string name) => r.Query(name) ?? "";
}
