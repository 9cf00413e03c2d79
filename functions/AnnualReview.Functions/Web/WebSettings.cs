namespace AnnualReview.Functions.Web;

/// <summary>
/// Settings of the web interface. <c>Web:PersonaPicker</c> turns on the development sign-in (pick a person from the
/// roster); it defaults to on in the Development environment and off everywhere else.
/// <c>Web:TimeZone</c> is the zone times are shown in (default Asia/Ho_Chi_Minh).
/// </summary>
public sealed record WebSettings(bool PersonaPicker, TimeZoneInfo TimeZone)
{
    public static WebSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        bool picker = configuration["Web:PersonaPicker"] is { Length: > 0 } value ? bool.Parse(value) : environment.IsDevelopment();
        string zone = configuration["Web:TimeZone"] is { Length: > 0 } z ? z : "Asia/Ho_Chi_Minh";
        return new WebSettings(picker, TimeZoneInfo.FindSystemTimeZoneById(zone));
    }
}
