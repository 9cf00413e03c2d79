using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Testing;
using AnnualReview.Workflows.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Api.Roster;

[Collection("azurite")]
public sealed class RosterEndpointsTests(AzuriteFixture azurite)
{
    private static CancellationToken Timeout() => TestTimeout.For(TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Import_Json_WritesTheTreeThenReportsNothingChangedOnTheSameRoster()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        using HttpClient board = app.As(AppRoles.OrganizationBoard, SmallCity.Board);

        using HttpResponseMessage first = await board.PostAsync("/api/roster/import", SmallCity.JsonContent(SmallCity.Json()), timeout);
        JsonElement added = await SmallCity.ReadJsonAsync(first, timeout);
        using HttpResponseMessage again = await board.PostAsync("/api/roster/import", SmallCity.JsonContent(SmallCity.Json()), timeout);
        JsonElement unchanged = await SmallCity.ReadJsonAsync(again, timeout);
        JsonElement unit = await board.GetFromJsonAsync<JsonElement>($"/api/roster/units/{SmallCity.Q1Grassroots}", timeout);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(added.GetProperty("changed").GetBoolean());
        Assert.Equal(7, added.GetProperty("unitsAdded").GetInt32());
        Assert.Equal(6, added.GetProperty("membersAdded").GetInt32());
        Assert.False(unchanged.GetProperty("changed").GetBoolean());
        Assert.Equal(0, unchanged.GetProperty("unitsAdded").GetInt32());
        Assert.Equal("Đảng bộ phường Bến Nghé", unit.GetProperty("unit").GetProperty("name").GetString());
        Assert.Equal("GrassrootsOrganization", unit.GetProperty("unit").GetProperty("kind").GetString());
        Assert.Equal([SmallCity.Q1Cell], unit.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Import_CsvWithAMovedMember_ReportsTheMoveAndTheNameChange()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        using HttpClient board = app.As(AppRoles.OrganizationBoard, SmallCity.Board);
        using HttpResponseMessage first = await board.PostAsync("/api/roster/import", SmallCity.CsvContent(SmallCity.Csv()), timeout);

        using HttpResponseMessage second = await board.PostAsync("/api/roster/import", SmallCity.CsvContent(SmallCity.Csv("Thành ủy Thành phố Hồ Chí Minh", m3Cell: SmallCity.Q2Cell)), timeout);
        JsonElement changes = await SmallCity.ReadJsonAsync(second, timeout);
        var roster = app.Services.GetRequiredService<RosterStore>();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, changes.GetProperty("unitsChanged").GetInt32());
        Assert.Equal(1, changes.GetProperty("membersMoved").GetInt32());
        JsonElement move = Assert.Single(changes.GetProperty("moves").EnumerateArray());
        Assert.Equal("m3", move.GetProperty("memberId").GetString());
        Assert.Equal(SmallCity.Q1Cell, move.GetProperty("fromCellId").GetString());
        Assert.Equal(SmallCity.Q2Cell, move.GetProperty("toCellId").GetString());
        Assert.Equal(SmallCity.Q2Cell, (await roster.GetMemberAsync("m3", timeout))!.CellId);
    }

    [Fact]
    public async Task Import_BadRows_RefusesEverythingAndNamesEachLineAndField()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        using HttpClient board = app.As(AppRoles.OrganizationBoard, SmallCity.Board, language: "en");
        // Line 12 (the body's units take lines 1-8, a blank line 9, the members header line 10): m2's date is not a date;
        // line 13: m3's cell does not exist.
        string csv = SmallCity.Csv().Replace("2012-03-02", "2012-13-45", StringComparison.Ordinal).Replace($"m3,Lê Văn Cường,{SmallCity.Q1Cell}", "m3,Lê Văn Cường,nowhere", StringComparison.Ordinal);

        using HttpResponseMessage response = await board.PostAsync("/api/roster/import", SmallCity.CsvContent(csv), timeout);
        JsonElement problem = await SmallCity.ReadJsonAsync(response, timeout);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (Line: e.GetProperty("line").GetInt32(), Field: e.GetProperty("field").GetString())).ToList();
        var roster = app.Services.GetRequiredService<RosterStore>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ApiProblem.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ProblemKind.Validation.Type, problem.GetProperty("type").GetString());
        Assert.Equal(ProblemKind.Validation.TitleEn, problem.GetProperty("title").GetString());
        Assert.Contains((12, "admitted_on"), errors);
        Assert.Contains((13, "cell_id"), errors);
        Assert.Null(await roster.GetUnitAsync(SmallCity.Board, timeout));
    }

    [Fact]
    public async Task Import_WithAnIdTheApiCouldNeverAddress_IsRefusedNamingIt_AndStoresNothing()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        string roster = $$"""
            { "units": [ { "id": "tinh uy", "name": "Tỉnh ủy", "kind": "OrganizationBoard" },
                         { "id": "q", "name": "Huyện ủy", "kind": "Committee", "parentId": "tinh uy" },
                         { "id": "g", "name": "Đảng bộ xã", "kind": "GrassrootsOrganization", "parentId": "q" },
                         { "id": "c1", "name": "Chi bộ 1", "kind": "Cell", "parentId": "g" } ],
              "members": [ { "id": "{{new string('m', 100)}}", "fullName": "Nguyễn Văn An", "cellId": "c1", "membership": "full", "admittedOn": "2010-05-19" } ] }
            """;

        using HttpResponseMessage response = await app.As(AppRoles.Admin, null, language: "en").PostAsync("/api/roster/import", SmallCity.JsonContent(roster), timeout);
        JsonElement problem = await SmallCity.ReadJsonAsync(response, timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("units[0].id", problem.GetProperty("field").GetString());
        Assert.Equal(["units[0].id", "members[0].id"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
        Assert.Contains("(100 characters)", problem.GetProperty("errors")[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(await app.Services.GetRequiredService<RosterStore>().GetUnitAsync("c1", timeout));
    }

    [Theory]
    [InlineData("application/json", "{ \"units\": [ { \"id\": ", "vi", 400, "malformed-body")]
    [InlineData("application/json", "{ \"units\": [ { \"id\": ", "en", 400, "malformed-body")]
    [InlineData("text/csv", "id,name,kind,parent_id\nu1,Một,Cell,\n", "vi", 400, "malformed-body")]
    [InlineData("text/csv", "id,name,kind,parent_id\n\"u1,Một,Cell,\n\nid,full_name\n", "en", 400, "malformed-body")]
    [InlineData("application/xml", "<roster/>", "en", 415, "unsupported-content-type")]
    public async Task Import_UnreadableBody_IsAProblemInTheCallersLanguage(string contentType, string body, string language, int status, string slug)
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        using HttpClient board = app.As(AppRoles.OrganizationBoard, SmallCity.Board, language: language);

        using HttpResponseMessage response = await board.PostAsync("/api/roster/import", new StringContent(body, System.Text.Encoding.UTF8, contentType), timeout);
        JsonElement problem = await SmallCity.ReadJsonAsync(response, timeout);
        ProblemKind kind = slug == "malformed-body" ? ProblemKind.MalformedBody : ProblemKind.UnsupportedContentType;

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(ApiProblem.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ProblemKind.TypeBase + slug, problem.GetProperty("type").GetString());
        Assert.Equal(language == "en" ? kind.TitleEn : kind.TitleVi, problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("field").GetString()));
    }

    /// <summary>Who may import the whole city (rooted at the board): only the board at the root, and admins.</summary>
    [Theory]
    [InlineData(AppRoles.OrganizationBoard, SmallCity.Board, 200, null)]
    [InlineData(AppRoles.Admin, null, 200, null)]
    [InlineData(AppRoles.OrganizationBoard, SmallCity.Q1, 403, "out-of-scope")]
    [InlineData(AppRoles.Committee, SmallCity.Board, 403, "forbidden")]
    [InlineData(AppRoles.CellSecretary, SmallCity.Q1Cell, 403, "forbidden")]
    [InlineData(AppRoles.Member, SmallCity.Q1Cell, 403, "forbidden")]
    [InlineData(AppRoles.Auditor, SmallCity.Board, 403, "forbidden")]
    [InlineData(null, null, 401, "unauthenticated")]
    public async Task Import_ByRoleAndSubtree(string? role, string? unit, int status, string? slug)
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        await SmallCity.ImportAsync(app, timeout);
        using HttpClient caller = role is null ? app.Anonymous() : app.As(role, unit);

        using HttpResponseMessage response = await caller.PostAsync("/api/roster/import", SmallCity.JsonContent(SmallCity.Json("Thành ủy mới")), timeout);
        var roster = app.Services.GetRequiredService<RosterStore>();
        string? boardName = (await roster.GetUnitAsync(SmallCity.Board, timeout))?.Name;

        Assert.Equal(status, (int)response.StatusCode);
        if (slug is not null)
        {
            Assert.Equal(ProblemKind.TypeBase + slug, (await SmallCity.ReadJsonAsync(response, timeout)).GetProperty("type").GetString());
        }

        Assert.Equal(status == 200 ? "Thành ủy mới" : "Thành ủy TP.HCM", boardName);
    }

    [Fact]
    public async Task Import_OfASubtreeWhoseRootIsStoredUnderAParent_IsRefusedAndLeavesTheTreeWhole()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        await SmallCity.ImportAsync(app, timeout);
        string subtree = $$"""
            { "units": [
                { "id": "{{SmallCity.Q1}}", "name": "Quận ủy Quận 1", "kind": "Committee" },
                { "id": "{{SmallCity.Q1Grassroots}}", "name": "Đảng bộ phường Bến Nghé", "kind": "GrassrootsOrganization", "parentId": "{{SmallCity.Q1}}" },
                { "id": "{{SmallCity.Q1Cell}}", "name": "Chi bộ khu phố 1", "kind": "Cell", "parentId": "{{SmallCity.Q1Grassroots}}" } ],
              "members": [ { "id": "m1", "fullName": "Nguyễn Văn An", "cellId": "{{SmallCity.Q1Cell}}", "membership": "full", "admittedOn": "2010-05-19" } ] }
            """;

        using HttpResponseMessage response = await app.As(AppRoles.Admin, null).PostAsync("/api/roster/import", SmallCity.JsonContent(subtree), timeout);
        JsonElement problem = await SmallCity.ReadJsonAsync(response, timeout);
        var roster = app.Services.GetRequiredService<RosterStore>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("units", problem.GetProperty("field").GetString());
        Assert.Equal("roster.root-has-parent", Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(SmallCity.Board, (await roster.GetUnitAsync(SmallCity.Q1, timeout))!.ParentId);
    }

    [Theory]
    [InlineData(AppRoles.OrganizationBoard, SmallCity.Board, SmallCity.Q1, 200)]
    [InlineData(AppRoles.Committee, SmallCity.Q1, SmallCity.Q1Grassroots, 200)]
    [InlineData(AppRoles.Committee, SmallCity.Q2, SmallCity.Q1Grassroots, 403)]
    [InlineData(AppRoles.Member, SmallCity.Q1Cell, SmallCity.Q1Cell, 200)]
    [InlineData(AppRoles.Member, SmallCity.Q1Cell, SmallCity.Q1Grassroots, 403)]
    [InlineData(AppRoles.Auditor, SmallCity.Q2, SmallCity.Q2Cell, 200)]
    [InlineData(AppRoles.Admin, null, "no-such-unit", 404)]
    public async Task GetUnit_ByRoleAndSubtree(string role, string? unit, string target, int status)
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        await SmallCity.ImportAsync(app, timeout);
        using HttpClient caller = app.As(role, unit);

        using HttpResponseMessage response = await caller.GetAsync($"/api/roster/units/{target}", timeout);
        JsonElement body = await SmallCity.ReadJsonAsync(response, timeout);

        Assert.Equal(status, (int)response.StatusCode);
        if (status == 200)
        {
            Assert.Equal(target, body.GetProperty("unit").GetProperty("id").GetString());
        }
        else
        {
            Assert.Equal(status == 403 ? ProblemKind.OutOfScope.Type : ProblemKind.UnknownUnit.Type, body.GetProperty("type").GetString());
        }
    }

    [Theory]
    [InlineData(AppRoles.OrganizationBoard, SmallCity.Board, SmallCity.Board, 200, "m1,m2,m3,m4,m5,m6")]
    [InlineData(AppRoles.Committee, SmallCity.Q1, SmallCity.Q1, 200, "m1,m2,m3")]
    [InlineData(AppRoles.Committee, SmallCity.Q1, SmallCity.Q2Cell, 403, "out-of-scope")]
    [InlineData(AppRoles.CellSecretary, SmallCity.Q2Cell, SmallCity.Q2Cell, 200, "m4,m5,m6")]
    [InlineData(AppRoles.CellSecretary, SmallCity.Q2Cell, SmallCity.Q2Grassroots, 403, "out-of-scope")]
    [InlineData(AppRoles.Auditor, SmallCity.Board, SmallCity.Q1Cell, 200, "m1,m2,m3")]
    [InlineData(AppRoles.Member, SmallCity.Q1Cell, SmallCity.Q1Cell, 403, "forbidden")]
    [InlineData(AppRoles.OrganizationBoard, SmallCity.Board, "nowhere", 404, "unknown-unit")]
    public async Task Members_OfAUnit_ByRoleAndSubtree(string role, string unit, string target, int status, string expected)
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        await SmallCity.ImportAsync(app, timeout);

        using HttpResponseMessage response = await app.As(role, unit, role == AppRoles.Member ? "m1" : null).GetAsync($"/api/roster/units/{target}/members", timeout);
        JsonElement body = await SmallCity.ReadJsonAsync(response, timeout);

        Assert.Equal(status, (int)response.StatusCode);
        if (status == 200)
        {
            Assert.Equal(target, body.GetProperty("unit").GetProperty("id").GetString());
            Assert.Equal(expected, string.Join(',', body.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetString())));
            Assert.False(body.GetProperty("members")[0].TryGetProperty("email", out _));
        }
        else
        {
            Assert.Equal(ProblemKind.TypeBase + expected, body.GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task Import_AnotherTreeBesideTheCity_ReportsNothingRemovedAndKeepsTheCity()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        await SmallCity.ImportAsync(app, timeout);
        string other = JsonSerializer.Serialize(new
        {
            units = new object[]
            {
                new { id = "hn", name = "Thành ủy Hà Nội", kind = "OrganizationBoard" },
                new { id = "hn-g1", name = "Đảng bộ phường Hoàn Kiếm", kind = "GrassrootsOrganization", parentId = "hn" },
                new { id = "hn-g1-c1", name = "Chi bộ tổ dân phố 1", kind = "Cell", parentId = "hn-g1" },
            },
            members = new[] { new { id = "h1", fullName = "Ngô Văn Hải", cellId = "hn-g1-c1", membership = "full", admittedOn = "2011-04-02" } },
        });

        using HttpResponseMessage imported = await app.As(AppRoles.Admin, null).PostAsync("/api/roster/import", SmallCity.JsonContent(other), timeout);
        JsonElement report = await SmallCity.ReadJsonAsync(imported, timeout);
        JsonElement city = await app.As(AppRoles.Admin, null).GetFromJsonAsync<JsonElement>($"/api/roster/units/{SmallCity.Board}/members", timeout);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(3, report.GetProperty("unitsAdded").GetInt32());
        Assert.Equal(1, report.GetProperty("membersAdded").GetInt32());
        Assert.Equal(0, report.GetProperty("unitsRemoved").GetInt32());
        Assert.Equal(0, report.GetProperty("membersRemoved").GetInt32());
        Assert.Equal(6, city.GetProperty("members").GetArrayLength());
    }
}
