using System.Text.Json;
using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Notifications.Delivery;
using AnnualReview.Testing;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Tests.Notifications.Delivery;

[Collection("azurite")]
public sealed class WebhookChannelTests(AzuriteFixture azurite)
{
    private const string Secret = "gateway-shared-secret-2025";
    private static readonly DateTimeOffset At = DeliveryHarness.Start.AddMinutes(-5);

    [Fact]
    public async Task Deliver_GatewayFailsOnceThenAccepts_RetriesAfterTheBackOffWithTheSameDeliveryId()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using WebhookReceiver gateway = await WebhookReceiver.StartAsync(Secret, [500], timeout);
        await using DeliveryHarness h = await DeliveryHarness.StartAsync(azurite, Webhooks(gateway, Secret));
        await h.Roster.WriteAsync(
            [new Unit("c3", "Chi bộ Khu phố 3", UnitKind.Cell, null)],
            [new Member("m1", "Nguyễn Thị Lan", "c3", MembershipKind.Full, new DateOnly(2012, 3, 2)) { Phone = "0912345678" }],
            null,
            timeout);
        NotificationRequest reminder = DeliveryHarness.Reminder("m1", null, At);
        string key = NotificationOutbox.Key(reminder.Id);
        await h.Outbox.WriteAsync([reminder], timeout);

        DeliveryRunSummary failed = await h.Delivery.RunAsync(timeout);
        DeliveryRecord waiting = Assert.Single(await h.Ledger.ReadAsync(key, timeout));
        DeliveryRunSummary tooEarly = await h.Delivery.RunAsync(timeout);
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        DeliveryRunSummary retried = await h.Delivery.RunAsync(timeout);

        Assert.Equal((1, 0), (failed.Waiting, failed.Completed));
        Assert.Equal((WebhookChannel.Name, DeliveryState.Waiting, 1), (waiting.Channel, waiting.State, waiting.Attempts));
        Assert.Equal(DeliveryHarness.Start.AddSeconds(30), waiting.NextAttemptAt);
        Assert.Contains("500", waiting.LastError, StringComparison.Ordinal);
        Assert.Equal(0, tooEarly.Examined);
        Assert.Equal(1, retried.Completed);
        ReceivedCall[] calls = [.. gateway.Calls];
        Assert.Equal([500, 200], calls.Select(c => c.AnsweredWith));
        Assert.All(calls, c => Assert.True(c.SignatureValid));
        Assert.All(calls, c => Assert.Equal(key, c.DeliveryId));
        JsonElement payload = calls[1].Payload;
        Assert.Equal(reminder.Id, payload.GetProperty("notificationId").GetString());
        Assert.Equal("m1", payload.GetProperty("recipient").GetString());
        Assert.Equal("0912345678", payload.GetProperty("phone").GetString());
        Assert.Equal(Templates.Reminder, payload.GetProperty("template").GetString());
        Assert.Equal("vi", payload.GetProperty("language").GetString());
        Assert.Contains("cần hoàn thành trước 23:59 ngày 15/12/2025", payload.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, payload.GetProperty("attempt").GetInt32());
        DeliveryRecord sent = Assert.Single(await h.Ledger.ReadAsync(key, timeout));
        Assert.Equal((DeliveryState.Sent, 2), (sent.State, sent.Attempts));
        Assert.Empty(await h.OutboxKeysAsync(timeout));
    }

    [Fact]
    public async Task Deliver_SignedWithTheWrongSecret_IsRefusedByTheGatewayAndGivenUpAfterTheLastAttempt()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using WebhookReceiver gateway = await WebhookReceiver.StartAsync(Secret, [], timeout);
        var settings = Webhooks(gateway, "not-the-gateways-secret");
        settings["Notifications:MaxAttempts"] = "2";
        await using DeliveryHarness h = await DeliveryHarness.StartAsync(azurite, settings);
        NotificationRequest reminder = DeliveryHarness.Reminder("m1", null, At) with { Data = new Dictionary<string, string> { ["phone"] = "0987654321", ["unit"] = "Chi bộ 1" } };
        string key = NotificationOutbox.Key(reminder.Id);
        await h.Outbox.WriteAsync([reminder], timeout);

        await h.Delivery.RunAsync(timeout);
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        DeliveryRunSummary last = await h.Delivery.RunAsync(timeout);

        Assert.Equal(1, last.Completed);
        Assert.Equal(2, gateway.Calls.Count);
        Assert.All(gateway.Calls, c => Assert.Equal((false, 401), (c.SignatureValid, c.AnsweredWith)));
        DeliveryRecord failed = Assert.Single(await h.Ledger.ReadAsync(key, timeout));
        Assert.Equal((DeliveryState.Failed, 2), (failed.State, failed.Attempts));
        Assert.Contains("Gave up after 2 attempts", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("401", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(await h.OutboxKeysAsync(timeout));
    }

    [Fact]
    public async Task Deliver_AfterASenderDiedMidCall_SendsAgainWithTheSameDeliveryIdForTheGatewayToDropTheRepeat()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using WebhookReceiver gateway = await WebhookReceiver.StartAsync(Secret, [], timeout);
        await using DeliveryHarness h = await DeliveryHarness.StartAsync(azurite, Webhooks(gateway, Secret));
        NotificationRequest reminder = DeliveryHarness.Reminder("m1", null, At);
        string key = NotificationOutbox.Key(reminder.Id);
        await h.Outbox.WriteAsync([reminder], timeout);
        Assert.NotNull((await h.Ledger.TryClaimAsync(key, WebhookChannel.Name, "m1", resendInterrupted: true, timeout)).Claim);

        await h.Delivery.RunAsync(timeout);
        int duringLease = gateway.Calls.Count;
        h.Clock.Advance(TimeSpan.FromMinutes(3));
        await h.Delivery.RunAsync(timeout);

        Assert.Equal(0, duringLease);
        ReceivedCall call = Assert.Single(gateway.Calls);
        Assert.Equal(key, call.DeliveryId);
        Assert.Equal(2, call.Payload.GetProperty("attempt").GetInt32());
        Assert.Equal(DeliveryState.Sent, Assert.Single(await h.Ledger.ReadAsync(key, timeout)).State);
    }

    private static Dictionary<string, string?> Webhooks(WebhookReceiver gateway, string secret) => new()
    {
        ["Webhooks:Url"] = gateway.Url.ToString(),
        ["Webhooks:Secret"] = secret,
        ["Notifications:RetryBaseSeconds"] = "30",
    };
}
