using AnnualReview.Functions.Security;

namespace AnnualReview.Functions.Web;

/// <summary>The frame of every page: header with the person and the language toggle, navigation by role, the main content.</summary>
public static class Layout
{
    public static IResult Render(WebRequest request, string title, Raw body, int status = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(request);
        var html = new Html();
        string here = request.Http.Request.Path + request.Http.Request.QueryString;
        string otherLanguage = request.English ? "vi" : "en";
        html.Add($"""
            <!DOCTYPE html>
            <html lang="{request.Language}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · {request.T("Kiểm điểm, xếp loại", "Annual review")}</title>
            <link rel="stylesheet" href="{WebUi.Root}/site.css">
            <link rel="icon" href="{WebUi.Root}/favicon.svg" type="image/svg+xml">
            <link rel="manifest" href="{OfflineAssets.ManifestPath}">
            <meta name="theme-color" content="#8b0000">
            <script src="{WebUi.Root}/site.js" defer></script>
            <script src="{OfflineAssets.ScriptPath}" defer></script>
            </head>
            <body>
            <a class="skip" href="#main">{request.T("Bỏ qua đến nội dung", "Skip to content")}</a>
            <header class="top">
            <a class="brand" href="{WebUi.Root}">{request.T("Kiểm điểm, đánh giá, xếp loại", "Annual review and rating")}</a>
            <a class="lang" id="language-toggle" href="{WebUi.Root}/language?to={otherLanguage}&amp;back={Uri.EscapeDataString(here)}" lang="{otherLanguage}">{(request.English ? "Tiếng Việt" : "English")}</a>
            """);
        if (request.Caller.IsAuthenticated)
        {
            html.Add($"""
                <span class="who">{request.Caller.Name} · {string.Join(", ", request.Caller.Roles.Select(request.Role))}</span>
                <form method="post" action="{WebUi.Root}/sign-out" class="inline">{request.Antiforgery()}<button type="submit" class="link">{request.T("Đăng xuất", "Sign out")}</button></form>
                """);
        }

        html.Add($"</header>");
        if (request.Caller.IsAuthenticated)
        {
            html.Add(Navigation(request));
        }

        html.Add($"<main id=\"main\"><h1>{title}</h1>").Add(body).Add($"</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", null, status);
    }

    private static Raw Navigation(WebRequest request)
    {
        Caller caller = request.Caller;
        var links = new List<(string Href, string Text)>();
        if (caller.IsAny(AppRoles.OrganizationBoard, AppRoles.Committee, AppRoles.Auditor, AppRoles.Admin, AppRoles.CellSecretary))
        {
            links.Add(($"{WebUi.Root}/cycles", request.T("Tiến độ", "Progress")));
        }

        if (caller.IsAny(AppRoles.OrganizationBoard, AppRoles.Admin))
        {
            links.Add(($"{WebUi.Root}/roster/import", request.T("Nhập danh sách", "Import the roster")));
            links.Add(($"{WebUi.Root}/cycles/new", request.T("Bắt đầu đợt", "Start a cycle")));
        }

        if (caller.MemberId is not null)
        {
            links.Add(($"{WebUi.Root}/review", request.T("Bản kiểm điểm", "My self-review")));
        }

        if (caller.IsAny(AppRoles.CellSecretary, AppRoles.Admin))
        {
            links.Add(($"{WebUi.Root}/meeting", request.T("Họp chi bộ", "Cell meeting")));
        }

        if (caller.IsAny(AppRoles.Committee, AppRoles.Admin))
        {
            links.Add(($"{WebUi.Root}/appraisal", request.T("Thẩm định", "Appraisal")));
            links.Add(($"{WebUi.Root}/cell-levels", request.T("Xếp loại chi bộ", "Cell levels")));
        }

        if (caller.IsAny(AppRoles.Committee, AppRoles.OrganizationBoard, AppRoles.Admin))
        {
            links.Add(($"{WebUi.Root}/organization-ratings", request.T("Xếp loại tổ chức", "Rate organizations")));
        }

        if (caller.IsAny(AppRoles.OrganizationBoard, AppRoles.Admin))
        {
            links.Add(($"{WebUi.Root}/finish", request.T("Kết thúc đợt", "Finish the cycle")));
        }

        if (caller.IsAny(AppRoles.OrganizationBoard, AppRoles.Committee, AppRoles.Auditor, AppRoles.Admin))
        {
            links.Add(($"{WebUi.Root}/recognition", request.T("Khen thưởng, theo dõi", "Recognition, follow-up")));
            links.Add(($"{WebUi.Root}/audit", request.T("Lịch sử, kiểm tra", "History, audit")));
        }

        links.Add(($"{WebUi.Root}/inbox", request.T("Thông báo", "Notifications")));
        var html = new Html().Add($"<nav aria-label=\"{request.T("Chính", "Main")}\"><ul>");
        string path = request.Http.Request.Path;
        foreach (var (href, text) in links)
        {
            html.Add(path == href ? Html.Of($"<li><a href=\"{href}\" aria-current=\"page\">{text}</a></li>") : Html.Of($"<li><a href=\"{href}\">{text}</a></li>"));
        }

        return html.Add($"</ul></nav>").ToRaw();
    }
}
