using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Functions.Development;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Testing;
using AnnualReview.Workflows.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AnnualReview.Functions.Tests.Development;

[Collection("azurite")]
public sealed class DevelopmentEndpointsTests(AzuriteFixture azurite)
{
    private static readonly KeyValuePair<string, string>[] Demo = [new("Demo:Seed", "true")];

    [Fact]
    public async Task Personas_FromTheDemoCity_SignInAndReachTheirOwnPartOfTheTree()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, Demo);
        using HttpClient anonymous = app.Anonymous();

        Persona[] personas = (await anonymous.GetFromJsonAsync<Persona[]>("/dev/personas", timeout))!;
        Dictionary<string, Persona> byId = personas.ToDictionary(p => p.Id);
        async Task<HttpClient> SignInAsync(object request)
        {
            using HttpResponseMessage minted = await anonymous.PostAsJsonAsync("/dev/token", request, timeout);
            Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
            JsonElement token = await minted.Content.ReadFromJsonAsync<JsonElement>(timeout);
            HttpClient client = app.Anonymous();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
            return client;
        }

        using HttpClient board = await SignInAsync(new { persona = "board" });
        using HttpClient committee = await SignInAsync(new { persona = "committee" });
        using HttpClient member = await SignInAsync(new { roles = new[] { AppRoles.Member }, unit = byId["member"].Unit, member = byId["member"].Member });
        using HttpResponseMessage boardRoot = await board.GetAsync("/api/roster/units/u-root", timeout);
        using HttpResponseMessage committeeRoot = await committee.GetAsync("/api/roster/units/u-root", timeout);
        using HttpResponseMessage memberCell = await member.GetAsync($"/api/roster/units/{byId["member"].Unit}", timeout);
        using HttpResponseMessage boardImport = await board.PostAsync("/api/roster/import", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), timeout);

        Assert.Equal(["board", "committee", "secretary", "member", "auditor", "admin"], personas.Select(p => p.Id));
        Assert.Equal("u-root", byId["board"].Unit);
        Assert.Equal([AppRoles.OrganizationBoard], byId["board"].Roles);
        Assert.StartsWith("u-c", byId["committee"].Unit, StringComparison.Ordinal);
        Assert.Equal(byId["secretary"].Unit, byId["member"].Unit);
        Assert.NotEqual(byId["secretary"].Member, byId["member"].Member);
        Assert.Contains(AppRoles.CellSecretary, byId["secretary"].Roles);
        Assert.Equal(HttpStatusCode.OK, boardRoot.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, committeeRoot.StatusCode);
        Assert.Equal(HttpStatusCode.OK, memberCell.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, boardImport.StatusCode);
    }

    [Theory]
    [InlineData("{ \"persona\": \"nobody\" }", "persona")]
    [InlineData("{ \"roles\": [\"Emperor\"], \"unit\": \"u-root\" }", "roles")]
    [InlineData("{ }", "persona")]
    public async Task Token_ForNoKnownPersonaOrRole_IsAValidationProblem(string body, string field)
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);

        using HttpResponseMessage response = await app.Anonymous().PostAsync("/dev/token", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), timeout);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>(timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemKind.Validation.Type, problem.GetProperty("type").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    /// <summary>Outside Development the routes do not exist, even with a development key configured.</summary>
    [Theory]
    [InlineData("Production", TestApp.SigningKey)]
    [InlineData("Staging", TestApp.SigningKey)]
    public async Task Routes_OutsideDevelopment_AreNotThere(string environment, string key)
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, [new("environment", environment), new("Auth:DevelopmentSigningKey", key)]);
        using HttpClient anonymous = app.Anonymous();

        using HttpResponseMessage personas = await anonymous.GetAsync("/dev/personas", timeout);
        using HttpResponseMessage token = await anonymous.PostAsJsonAsync("/dev/token", new { persona = "admin" }, timeout);

        Assert.Equal(HttpStatusCode.NotFound, personas.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, token.StatusCode);
    }

    [Fact]
    public async Task Routes_InDevelopmentWithoutAKey_AreNotThere()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using Microsoft.AspNetCore.Builder.WebApplication app = AppHost.Build(
        [
            "--urls", "http://127.0.0.1:0", "--environment", "Development", "--AzureWebJobsStorage", azurite.ConnectionString,
            "--TaskHubName", AzuriteServer.NewTaskHubName("app"), "--StoragePrefix", AzuriteServer.NewTaskHubName("t"),
        ]);
        await app.StartAsync(timeout);
        using var anonymous = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using HttpResponseMessage personas = await anonymous.GetAsync("/dev/personas", timeout);
        await app.StopAsync(timeout);

        Assert.True(app.Environment.IsDevelopment());
        Assert.Equal(HttpStatusCode.NotFound, personas.StatusCode);
    }

    [Fact]
    public async Task DemoSeed_RunAgain_LeavesTheStoredOrganizationAlone()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, Demo);
        var roster = app.Services.GetRequiredService<RosterStore>();
        var seeder = app.Services.GetServices<IHostedService>().OfType<DemoOrganization>().Single();
        var (units, members) = await roster.ReadAllAsync(timeout);
        var root = units.Single(u => u.ParentId is null);
        await roster.WriteAsync([root with { Name = "Ban Tổ chức (đổi tên)" }], [], null, timeout);

        await seeder.StartAsync(timeout);
        var (unitsAfter, membersAfter) = await roster.ReadAllAsync(timeout);

        Assert.Equal(DemoOrganization.Members, members.Count);
        Assert.Equal(units.Count, unitsAfter.Count);
        Assert.Equal(members.Count, membersAfter.Count);
        Assert.Equal("Ban Tổ chức (đổi tên)", unitsAfter.Single(u => u.Id == root.Id).Name);
    }
}
