using System.Diagnostics;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using AnnualReview.FunctionApp.Http;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Web;
using AnnualReview.TaskHub;
using AnnualReview.Testing;
using AnnualReview.Workflows;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AnnualReview.FunctionApp.Tests.Http;

/// <summary>
/// The Functions app's HTTP function, invoked as ASP.NET Core integration invokes it: with a real
/// <see cref="HttpContext"/> whose services are the app's (built by <c>AddFunctionApp</c> over Azurite) and a
/// <see cref="Microsoft.DurableTask.Client.DurableTaskClient"/> on the same task hub standing for the one the
/// Durable extension binds. What answers is the shared endpoint code the standalone host serves.
/// </summary>
[Collection("azurite")]
public sealed class HttpEntryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string SigningKey = "functionapp-test-signing-key-0123456789-abcdef";

    private readonly string _hub = AzuriteServer.NewTaskHubName("fa");
    private IHost? _host;
    private TestEngine? _engine;

    private IServiceProvider Services => _host!.Services;

    public async Task InitializeAsync()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["TaskHubName"] = _hub,
            ["StoragePrefix"] = AzuriteServer.NewTaskHubName("t"),
            ["Auth:DevelopmentSigningKey"] = SigningKey,
        });
        builder.Services.AddFunctionApp(builder.Configuration);

        // What the worker's ASP.NET Core web host (ConfigureFunctionsWebApplication) registers beside the app's services.
        builder.Services.TryAddSingleton(new DiagnosticListener("Microsoft.AspNetCore"));
        builder.Services.TryAddSingleton<DiagnosticSource>(sp => sp.GetRequiredService<DiagnosticListener>());
        _host = builder.Build();
        await _host.StartAsync();
        _engine = await TestEngine.StartAsync(azurite.ConnectionString, TestEngine.SettingsFor(_hub), WorkflowJson.Converter, _ => { });
    }

    public async Task DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    private async Task<HttpResponse> InvokeAsync(string method, string path, Action<HttpRequest>? prepare = null)
    {
        var context = new DefaultHttpContext { RequestServices = Services.CreateScope().ServiceProvider };
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("annualreview.example");
        int query = path.IndexOf('?', StringComparison.Ordinal);
        context.Request.Path = query < 0 ? path : path[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(path[query..]);
        context.Response.Body = new MemoryStream();
        prepare?.Invoke(context.Request);

        var entry = new HttpEntry(Services.GetRequiredService<SharedPipeline>(), Services.GetRequiredService<DurableClientSlot>());
        IActionResult result = await entry.Run(context.Request, _engine!.Client);

        Assert.IsType<EmptyResult>(result);
        context.Response.Body.Position = 0;
        return context.Response;
    }

    private static string Body(HttpResponse response) => new StreamReader(response.Body, Encoding.UTF8).ReadToEnd();

    [Fact]
    public async Task ApiCall_WithoutAToken_IsRefusedByTheApisOwnProblem()
    {
        HttpResponse response = await InvokeAsync("GET", "/api/cycles");

        Assert.Equal(StatusCodes.Status401Unauthorized, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiCall_WithABoardToken_ListsTheCyclesFromTheTaskHub()
    {
        string token = Services.GetRequiredService<DevelopmentTokens>().Mint("board@hn", "Ban Tổ chức", [AppRoles.OrganizationBoard], "hn", null);

        HttpResponse response = await InvokeAsync("GET", "/api/cycles", r => r.Headers.Authorization = "Bearer " + token);

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(Body(response));
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
    }

    [Fact]
    public async Task WebPage_NotSignedIn_SendsToTheSignInPage()
    {
        HttpResponse response = await InvokeAsync("GET", WebUi.Root + "/inbox");

        Assert.Equal(StatusCodes.Status302Found, response.StatusCode);
        Assert.Contains("/sign-in", response.Headers.Location.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebPage_SignedIn_IsTheSharedPage_InThePersonsLanguage()
    {
        string cookie = await SignInCookieAsync(AppRoles.Member, "hn-c1", "m-1", "Nguyễn Văn An");

        HttpResponse response = await InvokeAsync("GET", WebUi.Root + "/inbox", r => r.Headers.Cookie = cookie);

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.StartsWith("text/html", response.ContentType, StringComparison.Ordinal);
        string html = Body(response);
        Assert.Contains("Nguyễn Văn An", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"vi\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusPage_AtTheRoot_NamesTheTaskHub()
    {
        HttpResponse response = await InvokeAsync("GET", "/");

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(Body(response));
        Assert.Equal(_hub, json.RootElement.GetProperty("taskHub").GetString());
    }

    /// <summary>The web cookie, issued by the app's own cookie handler for a person (as the sign-in page issues it).</summary>
    private async Task<string> SignInCookieAsync(string role, string unit, string member, string name)
    {
        var context = new DefaultHttpContext { RequestServices = Services.CreateScope().ServiceProvider };
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("annualreview.example");
        var identity = new ClaimsIdentity(
            [new Claim(AppClaims.Subject, member), new Claim(AppClaims.Name, name), new Claim(AppClaims.Roles, role), new Claim(AppClaims.Unit, unit), new Claim(AppClaims.Member, member)],
            WebUi.Scheme, AppClaims.Name, AppClaims.Roles);
        await context.SignInAsync(WebUi.Scheme, new ClaimsPrincipal(identity));
        string setCookie = context.Response.Headers.SetCookie.ToString();
        return setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
    }
}
