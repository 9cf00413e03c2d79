using System.Globalization;
using AnnualReview.Functions.Notifications.Delivery;
using AnnualReview.Testing;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Notifications;

/// <summary>
/// One app instance's notification services over Azurite (the app's own registration, a hand-moved clock).
/// Two harnesses on the same prefix are two instances sharing one storage account.
/// </summary>
public sealed class DeliveryHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 12, 1, 1, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    private DeliveryHarness(ServiceProvider services, string prefix, ManualClock clock)
    {
        _services = services;
        Prefix = prefix;
        Clock = clock;
    }

    public string Prefix { get; }

    public ManualClock Clock { get; }

    public AssessmentStorage Storage => _services.GetRequiredService<AssessmentStorage>();

    public NotificationOutbox Outbox => _services.GetRequiredService<NotificationOutbox>();

    public RosterStore Roster => _services.GetRequiredService<RosterStore>();

    public NotificationDelivery Delivery => _services.GetRequiredService<NotificationDelivery>();

    public DeliveryLedger Ledger => _services.GetRequiredService<DeliveryLedger>();

    public static async Task<DeliveryHarness> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?> settings, string? prefix = null, ManualClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        prefix ??= AzuriteServer.NewTaskHubName("n");
        clock ??= new ManualClock(Start);
        var values = new Dictionary<string, string?>(settings)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["StoragePrefix"] = prefix,
        };
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(new AssessmentStorage(new AssessmentStorageOptions { Prefix = prefix, ConnectionString = azurite.ConnectionString }));
        services.AddSingleton<RosterStore>();
        services.AddSingleton<NotificationOutbox>();
        services.AddNotifications(configuration);
        var harness = new DeliveryHarness(services.BuildServiceProvider(), prefix, clock);
        await harness.Storage.EnsureCreatedAsync();
        await harness.Ledger.EnsureCreatedAsync();
        return harness;
    }

    /// <summary>A reminder as a cell's deadline watch writes it (same id shape, data and fields).</summary>
    public static NotificationRequest Reminder(string recipient, string? email, DateTimeOffset createdAt, string step = "SelfReview")
    {
        var data = new Dictionary<string, string>
        {
            ["step"] = step,
            ["unit"] = "Chi bộ Khu phố 3",
            ["due"] = new DateTime(2025, 12, 15, 16, 59, 59, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
            ["pending"] = "4",
            ["daysBefore"] = "7",
        };
        return new NotificationRequest($"review-2025|c3|{Templates.Reminder}|{createdAt.UtcTicks}|{recipient}", recipient, Templates.Reminder, data)
        {
            Email = email,
            CycleId = "review-2025",
            InstanceId = "review-2025|c3",
            CreatedAt = createdAt.UtcDateTime,
        };
    }

    public async Task<List<string>> OutboxKeysAsync(CancellationToken cancellation)
    {
        var keys = new List<string>();
        await foreach (var row in Storage.Outbox.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["RowKey"], cancellationToken: cancellation))
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
