namespace AnnualReview.Functions.Web;

/// <summary>Vietnamese by default; one click switches to English and back, remembered in a cookie.</summary>
public static class LanguageToggle
{
    public const string Cookie = "ar.lang";

    public static bool IsEnglish(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Cookies[Cookie] == "en";
    }

    public static IResult Switch(HttpContext http, string? to, string? back)
    {
        ArgumentNullException.ThrowIfNull(http);
        string language = to == "en" ? "en" : "vi";
        http.Response.Cookies.Append(Cookie, language, new CookieOptions
        {
            MaxAge = TimeSpan.FromDays(365),
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
        });
        return Results.Redirect(LocalOrHome(back));
    }

    /// <summary>Only paths inside this app, so the toggle cannot be used to send people elsewhere.</summary>
    public static string LocalOrHome(string? back)
        => back is { Length: > 1 } && back[0] == '/' && back[1] != '/' && back[1] != '\\' ? back : WebUi.Root;
}
