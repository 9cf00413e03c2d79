using Microsoft.AspNetCore.Authentication;

namespace AnnualReview.Functions.Web;

/// <summary>
/// The server-rendered web interface under <c>/web</c>. People sign in with a cookie (scheme <see cref="Scheme"/>)
/// next to the API's bearer tokens, which the API keeps using; every page checks role and subtree itself.
/// </summary>
public static class WebUi
{
    public const string Scheme = "Web";
    public const string Root = "/web";

    public static IServiceCollection AddWebUi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => WebSettings.From(configuration, sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<CycleDirectory>();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "ar.af";
            options.FormFieldName = "__af";
        });
        AuthenticationBuilder authentication = services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "ar.web";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = Root + "/sign-in";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        if (EntraWebSettings.From(configuration) is { } entra)
        {
            services.AddSingleton(entra);
            EntraSignIn.Add(authentication, entra);
        }

        return services;
    }

    public static IEndpointRouteBuilder MapWebUi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Root + "/site.css", () => Results.Text(SiteAssets.Css, "text/css; charset=utf-8"));
        app.MapGet(Root + "/site.js", () => Results.Text(SiteAssets.Script, "text/javascript; charset=utf-8"));
        app.MapGet(Root + "/favicon.svg", () => Results.Text(SiteAssets.Favicon, "image/svg+xml"));
        app.MapGet("/favicon.ico", () => Results.Text(SiteAssets.Favicon, "image/svg+xml"));
        OfflineAssets.Map(app);
        app.MapGet(Root + "/language", LanguageToggle.Switch);
        SignInPages.Map(app);
        DashboardPages.Map(app);
        CycleStartPage.Map(app);
        SelfReviewPage.Map(app);
        MeetingPage.Map(app);
        DeputyPage.Map(app);
        AppraisalPage.Map(app);
        RecognitionPage.Map(app);
        RosterImportPage.Map(app);
        CellLevelsPage.Map(app);
        OrganizationRatingsPage.Map(app);
        CycleFinishPage.Map(app);
        AuditPages.Map(app);
        InboxPage.Map(app);
        DocumentDownloads.Map(app);
        RemedyPanel.Map(app);
        return app;
    }
}
