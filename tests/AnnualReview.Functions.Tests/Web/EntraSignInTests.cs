using System.Security.Claims;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Web;

public sealed class EntraSignInTests
{
    private static readonly EntraWebSettings Settings = new("https://login.microsoftonline.com/tenant/v2.0", "client", null, "extn_unit", "extn_member");

    [Fact]
    public void From_WithoutAClientId_LeavesEntraSignInOff()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:Authority"] = "https://login.example/v2.0" }).Build();

        Assert.Null(EntraWebSettings.From(configuration));
    }

    [Fact]
    public void From_WithAClientId_TakesTheApisAuthorityAndDefaultClaimNames()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Authority"] = "https://login.example/v2.0",
            ["Web:Entra:ClientId"] = "web-client",
        }).Build();

        EntraWebSettings? settings = EntraWebSettings.From(configuration);

        Assert.Equal(new EntraWebSettings("https://login.example/v2.0", "web-client", null, "unit", "member"), settings);
    }

    [Fact]
    public void Normalize_EntraClaims_BecomeTheClaimsEveryPageReads()
    {
        var entra = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("sub", "pairwise-per-app"), new Claim("oid", "object-id"), new Claim("name", "Lê Thị Hoa"),
            new Claim("roles", AppRoles.Committee), new Claim("roles", AppRoles.Auditor),
            new Claim("extn_unit", "q1-g1"), new Claim("preferred_username", "hoa@example.vn"),
        ], "oidc"));

        Caller caller = Caller.From(EntraSignIn.Normalize(entra, Settings));

        Assert.Equal("object-id", caller.Subject);
        Assert.Equal("Lê Thị Hoa", caller.Name);
        Assert.True(caller.Is(AppRoles.Committee) && caller.Is(AppRoles.Auditor));
        Assert.Equal("q1-g1", caller.UnitId);
        Assert.Null(caller.MemberId);
    }

    [Fact]
    public async Task AddWebUi_WithEntraConfigured_RegistersTheSchemeNextToTheCookie()
    {
        await using WebApplication app = AppHost.Build(
        [
            "--urls", "http://127.0.0.1:0", "--AzureWebJobsStorage", "UseDevelopmentStorage=true",
            "--Auth:Authority", "https://login.example/v2.0", "--Web:Entra:ClientId", "web-client",
        ]);
        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.NotNull(await schemes.GetSchemeAsync(EntraSignIn.Scheme));
        Assert.NotNull(await schemes.GetSchemeAsync(WebUi.Scheme));
        Assert.Equal("Bearer", (await schemes.GetDefaultAuthenticateSchemeAsync())?.Name);
    }
}
