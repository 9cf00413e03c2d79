using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;
using AnnualReview.Assessment.Rules;
using AnnualReview.Testing;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnnualReview.Functions.Tests.Web;

/// <summary>
/// The real app on Azurite with a small city imported, and Debian's chromium driven by Playwright: one browser per
/// test class, one browser context per person, screenshots of every page under the test output.
/// </summary>
internal sealed class WebTestHost : IAsyncDisposable
{
    public const string Board = "hcm";
    public const string Committee = "q1";
    public const string Grassroots = "q1-g1";
    public const string Cell = "q1-g1-c1";
    public const string OtherGrassroots = "q1-g2";
    public const string OtherCell = "q1-g2-c1";
    public const string CycleId = "cycle-2026-hcm";
    public const string RuleSetId = "QD366-2025";

    private readonly IPlaywright _playwright;

    private WebTestHost(TestApp app, IPlaywright playwright, IBrowser browser)
    {
        App = app;
        _playwright = playwright;
        Browser = browser;
    }

    public TestApp App { get; }

    public IBrowser Browser { get; }

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>
    /// The clock starts on 25 November 2026 (Hồ Chí Minh City), before every step of the 2026 cycle falls due, or at
    /// <paramref name="clockStart"/> (UTC, <paramref name="clockScale"/> simulated seconds a real second) for a test that needs a deadline to pass; <paramref name="roster"/> replaces the standard city.
    /// </summary>
    public static async Task<WebTestHost> StartAsync(AzuriteFixture azurite, CancellationToken cancellation, RosterImportResult? roster = null, string clockStart = "2026-11-25T01:00:00Z", int clockScale = 1)
    {
        TestApp app = await TestApp.StartAsync(azurite, cancellation, [new("Clock:Start", clockStart), new("Clock:Scale", clockScale.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        RosterImportReport import = await app.Services.GetRequiredService<RosterService>().ImportAsync(roster ?? Roster(), cancellation);
        Assert.True(import.Imported, string.Join("; ", import.Errors));
        IPlaywright playwright = await Playwright.CreateAsync();
        IBrowser browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        return new WebTestHost(app, playwright, browser);
    }

    /// <summary>Board → committee → two grassroots organizations, one cell each: seven members in ours, two in the other.</summary>
    public static RosterImportResult Roster() => new(
        true,
        [
            new Unit(Board, "Thành ủy TP.HCM", UnitKind.OrganizationBoard, null),
            new Unit(Committee, "Quận ủy Quận 1", UnitKind.Committee, Board),
            new Unit(Grassroots, "Đảng bộ phường Bến Nghé", UnitKind.GrassrootsOrganization, Committee),
            new Unit(Cell, "Chi bộ khu phố 1", UnitKind.Cell, Grassroots),
            new Unit(OtherGrassroots, "Đảng bộ phường Đa Kao", UnitKind.GrassrootsOrganization, Committee),
            new Unit(OtherCell, "Chi bộ khu phố 7", UnitKind.Cell, OtherGrassroots),
        ],
        [
            .. Enumerable.Range(1, 7).Select(i => new Member($"m{i:D2}", $"Nguyễn Văn {(char)('A' + i - 1)}", Cell, MembershipKind.Full, new DateOnly(2015, 3, i))),
            .. Enumerable.Range(8, 2).Select(i => new Member($"m{i:D2}", $"Trần Thị {(char)('A' + i - 1)}", OtherCell, MembershipKind.Full, new DateOnly(2016, 4, i))),
        ],
        []);

    /// <summary>A browser context signed in as the persona (data-persona="Role:id" on the picker).</summary>
    public async Task<IPage> SignInAsync(string persona, ViewportSize? viewport = null)
    {
        IBrowserContext context = await Browser.NewContextAsync(new() { ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 }, AcceptDownloads = true });
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(Url("/web/sign-in"));
        await page.ClickAsync($"[data-persona=\"{persona}\"]");
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        return page;
    }

    public string Url(string path) => new Uri(App.BaseAddress, path).ToString();

    public static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <summary>Reloads a page until what it shows meets the condition: the workflows act a moment after a form is sent.</summary>
    public static async Task ReloadUntilAsync(IPage page, string url, Func<Task<bool>> condition, CancellationToken timeout)
    {
        while (true)
        {
            await page.GotoAsync(url);
            if (await condition())
            {
                return;
            }

            await Task.Delay(200, timeout);
        }
    }

    /// <summary>Starts the 2026 cycle over the whole city with the dates every web test uses (self-review due 10 December).</summary>
    public async Task StartCycleAsync(CancellationToken cancellation)
    {
        var definition = new AnnualReview.Assessment.Cycle.CycleDefinition(2026, Board, RuleSetId,
            new AnnualReview.Assessment.Cycle.StepDueDates(new DateOnly(2026, 12, 10), new DateOnly(2026, 12, 18), new DateOnly(2026, 12, 26), new DateOnly(2026, 12, 31), new DateOnly(2027, 2, 1)),
            new DateOnly(2027, 2, 1));
        Assert.True((await App.Services.GetRequiredService<CycleStarter>().StartAsync(definition, null, cancellation)).Started);
    }

    /// <summary>A complete self-review for a member, submitted through the commands (the other members of the cell).</summary>
    public async Task SubmitDirectlyAsync(string memberId, RatingLevel level, CancellationToken cancellation)
    {
        Member member = Roster().Members.Single(m => m.Id == memberId);
        FormDefinition form = CycleRules.For(RuleSetId).RuleSet.FormFor(member);
        var sections = form.Parts.Where(p => p.Code != "B").SelectMany(p => p.Sections).ToDictionary(s => s.Code, s => $"Nội dung mục {s.Code}.", StringComparer.Ordinal);
        SubmitResult result = await App.Services.GetRequiredService<ReviewCommands>()
            .SubmitSelfReviewAsync(CycleId, RuleSetId, member, form.Code, sections, level, [], memberId, null, cancellation);
        Assert.Empty(result.Errors);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
    }
}
