using AnnualReview.Functions.Security;

namespace AnnualReview.Functions.Web;

/// <summary>Runs a page: signed in (else to the sign-in page), in one of the allowed roles (else 403), then the page itself.</summary>
public static class WebPage
{
    /// <summary>Maps a page; the explicit delegate type makes the result be written, not discarded.</summary>
    public static RouteHandlerBuilder MapPage(this IEndpointRouteBuilder app, string method, string pattern, string[] roles, Func<WebRequest, Task<IResult>> page)
        => app.MapMethods(pattern, [method], (Func<HttpContext, Task<IResult>>)(http => RunAsync(http, roles, page)));

    public static async Task<IResult> RunAsync(HttpContext http, string[] roles, Func<WebRequest, Task<IResult>> page)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(page);
        WebRequest? request = await WebRequest.SignedInAsync(http);
        if (request is null)
        {
            string back = http.Request.Path + http.Request.QueryString;
            return Results.Redirect($"{WebUi.Root}/sign-in?back={Uri.EscapeDataString(back)}");
        }

        if (roles.Length > 0 && !request.Caller.IsAny(roles) && !request.Caller.Is(AppRoles.Admin))
        {
            return Forbidden(request);
        }

        if (HttpMethods.IsPost(http.Request.Method) && !await request.ValidFormAsync())
        {
            return Layout.Render(request, request.T("Biểu mẫu đã hết hạn", "The form has expired"),
                Html.Of($"<p class=\"error\">{request.T("Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang và thử lại.", "The form expired or is not valid. Reload the page and try again.")}</p>"), StatusCodes.Status400BadRequest);
        }

        return await page(request);
    }

    /// <summary>Outside the caller's role or subtree: the same answer whether or not the thing exists.</summary>
    public static IResult Forbidden(WebRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Layout.Render(request, request.T("Không có quyền", "Not allowed"),
            Html.Of($"<p class=\"error\" role=\"alert\">{request.T("Bạn không có quyền xem hoặc làm việc này (ngoài vai trò hoặc phạm vi đơn vị của bạn).", "You may not see or do this (outside your role or your units).")}</p>"),
            StatusCodes.Status403Forbidden);
    }

    public static IResult NotFound(WebRequest request, string what)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Layout.Render(request, request.T("Không tìm thấy", "Not found"), Html.Of($"<p class=\"error\" role=\"alert\">{what}</p>"), StatusCodes.Status404NotFound);
    }

    /// <summary>A field's error message, tied to its input by id for screen readers.</summary>
    public static Raw FieldError(WebRequest request, IReadOnlyList<Assessment.Rules.ValidationError> errors, string field, string inputId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var mine = errors.Where(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase)).ToList();
        if (mine.Count == 0)
        {
            return Raw.Empty;
        }

        var html = new Html();
        foreach (var error in mine)
        {
            html.Add($"<span class=\"field-error\" id=\"{inputId}-error\" data-code=\"{error.Code}\">{request.Message(error)}</span>");
        }

        return html.ToRaw();
    }
}
