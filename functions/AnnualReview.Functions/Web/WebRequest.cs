using System.Globalization;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;
using AnnualReview.Functions.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace AnnualReview.Functions.Web;

/// <summary>One signed-in page request: who is asking, in which language, and the helpers every page uses.</summary>
public sealed class WebRequest
{
    private WebRequest(HttpContext http, Caller caller, bool english)
    {
        Http = http;
        Caller = caller;
        English = english;
        Settings = http.RequestServices.GetRequiredService<WebSettings>();
    }

    public HttpContext Http { get; }

    public Caller Caller { get; }

    public bool English { get; }

    public WebSettings Settings { get; }

    public CancellationToken Cancellation => Http.RequestAborted;

    public string Language => English ? "en" : "vi";

    public string T(string vi, string en) => English ? en : vi;

    public string Message(ValidationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return English ? error.MessageEn : error.MessageVi;
    }

    public T Service<T>()
        where T : notnull => Http.RequestServices.GetRequiredService<T>();

    public string? Query(string name) => Http.Request.Query[name] is { Count: > 0 } values && values[0] is { Length: > 0 } value ? value : null;

    public Task<bool> CoversAsync(string unitId) => Service<UnitScope>().CoversAsync(Caller, unitId, Cancellation);

    /// <summary>The cycle's plans as a unit sees them: its own dates, or those of a unit above it, where the cycle gave any.</summary>
    public async Task<Workflows.Deadlines.CyclePlans> PlansForAsync(Workflows.Contracts.CycleInput cycle, string unitId)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return cycle.Overrides.Count > 0 && await Service<UnitScope>().ChainAsync(unitId, Cancellation) is { } chain ? cycle.ForChain(chain).Plans : cycle.Plans;
    }

    /// <summary>A time in the reader's zone (Asia/Ho_Chi_Minh unless changed), written the reader's way.</summary>
    public string Time(DateTime utc)
    {
        DateTime local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Settings.TimeZone);
        return local.ToString(English ? "d MMM yyyy HH:mm" : "HH:mm dd/MM/yyyy", English ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.GetCultureInfo("vi-VN"));
    }

    /// <summary>To the second, for the audit timeline.</summary>
    public string Moment(DateTime utc)
    {
        DateTime local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Settings.TimeZone);
        return local.ToString(English ? "d MMM yyyy HH:mm:ss" : "HH:mm:ss dd/MM/yyyy", English ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.GetCultureInfo("vi-VN"));
    }

    public string Date(DateTime utc)
    {
        DateTime local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Settings.TimeZone);
        return local.ToString(English ? "d MMM yyyy" : "dd/MM/yyyy", English ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.GetCultureInfo("vi-VN"));
    }

    /// <summary>A step's due moment is the end of its day; people read the day itself.</summary>
    public string Due(DateTime utc) => T("hết ngày ", "end of ") + Date(utc.AddTicks(-1));

    public string Level(RatingLevel? level) => level switch
    {
        RatingLevel.Excellent => T("Hoàn thành xuất sắc", "Excellent"),
        RatingLevel.Good => T("Hoàn thành tốt", "Good"),
        RatingLevel.Completed => T("Hoàn thành", "Completed"),
        RatingLevel.NotCompleted => T("Không hoàn thành", "Not completed"),
        _ => "—",
    };

    public string Role(string role) => role switch
    {
        AppRoles.OrganizationBoard => T("Ban tổ chức", "Organization board"),
        AppRoles.Committee => T("Cấp ủy", "Committee"),
        AppRoles.CellSecretary => T("Bí thư chi bộ", "Cell secretary"),
        AppRoles.Member => T("Đảng viên", "Member"),
        AppRoles.Auditor => T("Kiểm tra", "Auditor"),
        AppRoles.Admin => T("Quản trị", "Administrator"),
        _ => role,
    };

    /// <summary>The hidden anti-forgery field every form carries.</summary>
    public Raw Antiforgery()
    {
        AntiforgeryTokenSet tokens = Service<IAntiforgery>().GetAndStoreTokens(Http);
        return Html.Of($"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{tokens.RequestToken}\">");
    }

    public async Task<bool> ValidFormAsync() => await Service<IAntiforgery>().IsRequestValidAsync(Http);

    /// <summary>The signed-in person from the web cookie, or null. The API's bearer tokens are not read here.</summary>
    public static async Task<WebRequest?> SignedInAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        AuthenticateResult result = await http.AuthenticateAsync(WebUi.Scheme);
        if (!result.Succeeded || result.Principal is null)
        {
            return null;
        }

        // Anti-forgery tokens are bound to the user; make the cookie's user the request's user.
        http.User = result.Principal;
        return new WebRequest(http, Caller.From(result.Principal), LanguageToggle.IsEnglish(http));
    }

    /// <summary>For the sign-in page: nobody is signed in yet.</summary>
    public static WebRequest Anonymous(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new WebRequest(http, new Caller("", "", new HashSet<string>(), null, null), LanguageToggle.IsEnglish(http));
    }
}
