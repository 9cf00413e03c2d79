using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Api;

/// <summary>
/// A small city for the API tests: the board at "hcm", two committees (q1, q2), each with one grassroots
/// organization and one cell of three members. As JSON and as the two-table CSV body.
/// </summary>
internal static class SmallCity
{
    public const string Board = "hcm";
    public const string Q1 = "q1";
    public const string Q2 = "q2";
    public const string Q1Grassroots = "q1-g1";
    public const string Q1Cell = "q1-g1-c1";
    public const string Q2Grassroots = "q2-g1";
    public const string Q2Cell = "q2-g1-c1";

    public static readonly string[] Units = [Board, Q1, Q2, Q1Grassroots, Q1Cell, Q2Grassroots, Q2Cell];

    public static string UnitsCsv(string boardName = "Thành ủy TP.HCM") => $"""
        id,name,kind,parent_id,email
        {Board},{boardName},OrganizationBoard,,bantochuc@example.vn
        {Q1},Quận ủy Quận 1,Committee,{Board},q1@example.vn
        {Q2},Quận ủy Quận 2,Committee,{Board},q2@example.vn
        {Q1Grassroots},Đảng bộ phường Bến Nghé,GrassrootsOrganization,{Q1},
        {Q1Cell},Chi bộ khu phố 1,Cell,{Q1Grassroots},
        {Q2Grassroots},Đảng bộ phường Thảo Điền,GrassrootsOrganization,{Q2},
        {Q2Cell},Chi bộ khu phố 2,Cell,{Q2Grassroots},
        """;

    public static string MembersCsv(string m3Cell = Q1Cell) => $"""
        id,full_name,cell_id,membership,admitted_on,email
        m1,Nguyễn Văn An,{Q1Cell},full,2010-05-19,m1@example.vn
        m2,Trần Thị Bình,{Q1Cell},full,2012-03-02,m2@example.vn
        m3,Lê Văn Cường,{m3Cell},full,2015-07-10,m3@example.vn
        m4,Phạm Thị Dung,{Q2Cell},full,2011-01-20,m4@example.vn
        m5,Hoàng Văn Em,{Q2Cell},full,2013-09-09,m5@example.vn
        m6,Võ Thị Phương,{Q2Cell},probationary,2025-06-01,m6@example.vn
        """;

    /// <summary>The CSV body the import endpoint takes: units, a blank line, members.</summary>
    public static string Csv(string? boardName = null, string m3Cell = Q1Cell)
        => UnitsCsv(boardName ?? "Thành ủy TP.HCM") + "\n\n" + MembersCsv(m3Cell) + "\n";

    public static string Json(string boardName = "Thành ủy TP.HCM", string m3Cell = Q1Cell)
    {
        static IEnumerable<Dictionary<string, string?>> Rows(string csv)
        {
            string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            string[] header = lines[0].Split(',');
            foreach (string line in lines.Skip(1))
            {
                string[] cells = line.Split(',');
                yield return header.Select((h, i) => (h, v: cells[i])).ToDictionary(p => Camel(p.h), p => p.v.Length == 0 ? null : p.v);
            }
        }

        return JsonSerializer.Serialize(new { units = Rows(UnitsCsv(boardName)), members = Rows(MembersCsv(m3Cell)) });
    }

    private static string Camel(string snake)
    {
        string[] parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    public static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent CsvContent(string csv) => new(csv, Encoding.UTF8, "text/csv");

    /// <summary>Imports the city as an admin; fails the test if refused.</summary>
    public static async Task ImportAsync(TestApp app, CancellationToken cancellation)
    {
        using HttpClient admin = app.As(AnnualReview.Functions.Security.AppRoles.Admin, null);
        using HttpResponseMessage response = await admin.PostAsync("/api/roster/import", JsonContent(Json()), cancellation);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A valid cycle definition for the city (or a subtree of it), with every date in <paramref name="year"/> and the next.</summary>
    public static Dictionary<string, object?> Cycle(int year = 2025, string root = Board) => new()
    {
        ["year"] = year,
        ["rootUnitId"] = root,
        ["ruleSetId"] = "QD366-2025",
        ["dueDates"] = new Dictionary<string, object?>
        {
            ["selfReview"] = $"{year}-12-10",
            ["cellMeeting"] = $"{year}-12-18",
            ["grassrootsDecision"] = $"{year}-12-26",
            ["committeeDecision"] = $"{year}-12-31",
            ["boardReport"] = $"{year + 1}-02-01",
        },
        ["hardStop"] = $"{year + 1}-02-01",
    };

    /// <summary>The app's clock pinned to 1 December 2025 at real speed: a 2025 cycle is ahead of it for the whole test.</summary>
    public static KeyValuePair<string, string>[] PinnedClock { get; } = [new("Clock:Start", "2025-12-01T00:00:00Z"), new("Clock:Scale", "1")];

    /// <summary>A clock that runs a cycle's days in moments (200,000 simulated seconds a second, 2.3 days): with
    /// <see cref="CycleSoon"/>, a cycle nobody acts in closes every step and ends by itself within seconds.</summary>
    public static KeyValuePair<string, string>[] FastClock { get; } = [new("Clock:Start", "2025-12-01T00:00:00Z"), new("Clock:Scale", "200000")];

    /// <summary>A 2025 cycle for the city whose dates start a few simulated days after the app's now, so it is
    /// accepted when posted; on <see cref="FastClock"/> those days pass in a few real seconds.</summary>
    public static Dictionary<string, object?> CycleSoon(TestApp app, string root = Board)
    {
        ArgumentNullException.ThrowIfNull(app);
        DateTimeOffset now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        DateOnly today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime);
        string Day(int days) => today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Dictionary<string, object?> cycle = Cycle(2025, root);
        cycle["dueDates"] = new Dictionary<string, object?>
        {
            ["selfReview"] = Day(4),
            ["cellMeeting"] = Day(5),
            ["grassrootsDecision"] = Day(6),
            ["committeeDecision"] = Day(7),
            ["boardReport"] = Day(8),
        };
        cycle["hardStop"] = Day(8);
        return cycle;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellation)
        => await response.Content.ReadFromJsonAsync<JsonElement>(cancellation);
}
