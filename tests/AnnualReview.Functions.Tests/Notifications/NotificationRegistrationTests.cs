using AnnualReview.Functions.Notifications.Delivery;
using AnnualReview.Functions.Periodic;
using AnnualReview.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Notifications;

[Collection("azurite")]
public sealed class NotificationRegistrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Build_RegistersTheDeliveryAsPeriodicWork_WithTheLedgerUnderTheStoragePrefix()
    {
        await using WebApplication app = AppHost.Build(["--AzureWebJobsStorage", azurite.ConnectionString, "--StoragePrefix", "acme"]);

        IPeriodicWork work = Assert.Single(app.Services.GetServices<IPeriodicWork>(), w => w is NotificationDelivery);
        Assert.Equal("notification-delivery", work.Name);
        Assert.Equal("acmeDeliveries", app.Services.GetRequiredService<DeliveryLedger>().Table.Name);
    }

    [Fact]
    public async Task Build_WithoutSmtpSettings_LeavesEmailOff()
    {
        await using WebApplication app = AppHost.Build(["--AzureWebJobsStorage", "UseDevelopmentStorage=true"]);

        Assert.False(app.Services.GetRequiredService<AnnualReview.Functions.Notifications.NotificationSettings>().Smtp.Enabled);
    }
}
