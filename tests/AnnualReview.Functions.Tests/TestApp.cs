using System.Net.Http.Headers;
using AnnualReview.Functions.Security;
using AnnualReview.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests;

/// <summary>
/// The real app on a random port over the shared Azurite, with its own task hub and table prefix, the
/// development token issuer on, and helpers to call it as a given person.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnop";
    public const string ManagementKey = "test-management-key";

    private TestApp(WebApplication app, string taskHub, string prefix)
    {
        App = app;
        TaskHub = taskHub;
        StoragePrefix = prefix;
        BaseAddress = new Uri(app.Urls.First());
    }

    public WebApplication App { get; }

    public string TaskHub { get; }

    public string StoragePrefix { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => App.Services;

    /// <param name="settings">Extra settings as key/value pairs (e.g. Clock:Scale), applied last.</param>
    public static async Task<TestApp> StartAsync(AzuriteFixture azurite, CancellationToken cancellation, IEnumerable<KeyValuePair<string, string>>? settings = null, Action<DurableTaskRegistry>? register = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        string hub = AzuriteServer.NewTaskHubName("app");
        string prefix = AzuriteServer.NewTaskHubName("t");
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--environment", "Development",
            "--AzureWebJobsStorage", azurite.ConnectionString,
            "--TaskHubName", hub,
            "--StoragePrefix", prefix,
            "--Auth:DevelopmentSigningKey", SigningKey,
            "--ManagementApiKey", ManagementKey,

            // Periodic work (notification delivery, key sweeps) stays out of the way; tests run it themselves when they need it.
            "--Periodic:IntervalSeconds", "3600",

            // The engine polls its queues often and gets messages of a stopped worker back soon.
            "--" + EngineSetting("storageProvider:partitionCount"), "2",
            "--" + EngineSetting("storageProvider:maxQueuePollingInterval"), "00:00:00.250",
            "--" + EngineSetting("storageProvider:controlQueueVisibilityTimeout"), "00:00:30",
            "--" + EngineSetting("storageProvider:workItemQueueVisibilityTimeout"), "00:00:30",
        };
        foreach (var (key, value) in settings ?? [])
        {
            args.Add("--" + key);
            args.Add(value);
        }

        WebApplication app = AppHost.Build([.. args], register);
        await app.StartAsync(cancellation);
        return new TestApp(app, hub, prefix);
    }

    /// <summary>A Durable Functions host.json setting of the task hub, as a configuration key.</summary>
    public static string EngineSetting(string name) => AnnualReview.TaskHub.TaskHubSettings.Section + ":" + name;

    /// <summary>A client with no token.</summary>
    public HttpClient Anonymous(string? language = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        if (language is not null)
        {
            http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return http;
    }

    /// <summary>A client signed in with the given role(s), scoped to <paramref name="unitId"/>.</summary>
    public HttpClient As(string role, string? unitId, string? memberId = null, string? language = null, params string[] moreRoles)
    {
        HttpClient http = Anonymous(language);
        string subject = memberId ?? $"{role.ToLowerInvariant()}@{unitId ?? "all"}";
        string token = Services.GetRequiredService<DevelopmentTokens>().Mint(subject, subject, [role, .. moreRoles], unitId, memberId);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
