using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Notifications.Delivery;
using AnnualReview.Testing;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Tests.Notifications.Delivery;

[Collection("azurite")]
public sealed class NotificationDeliveryTests(AzuriteFixture azurite)
{
    private const string Lan = "lan.nguyen@example.vn";
    private static readonly DateTimeOffset At = DeliveryHarness.Start.AddMinutes(-5);

    [Fact]
    public async Task Run_DeliversAReminderByEmailInVietnamese_AndIntoTheInboxOnce()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(90));
        await using MailDevServer mail = await MailDevServer.StartAsync(timeout);
        await using DeliveryHarness h = await DeliveryHarness.StartAsync(azurite, Smtp(mail));
        // m2's address is only in the roster (result notices carry none); m3 has no address anywhere.
        await h.Roster.WriteAsync(
            [new Unit("c3", "Chi bộ Khu phố 3", UnitKind.Cell, null)],
            [new Member("m2", "Trần Văn Bình", "c3", MembershipKind.Full, new DateOnly(2010, 5, 19)) { Email = "binh.tran@example.vn" }],
            null,
            timeout);
        NotificationRequest toLan = DeliveryHarness.Reminder("m1", Lan, At);
        await h.Outbox.WriteAsync([toLan, DeliveryHarness.Reminder("m2", null, At), DeliveryHarness.Reminder("m3", null, At)], timeout);

        DeliveryRunSummary run = await h.Delivery.RunAsync(timeout);

        List<CaughtMail> mails = await mail.MailAsync(timeout);
        Assert.Equal(new DeliveryRunSummary(3, 3, 0, 0), run);
        Assert.Equal(["binh.tran@example.vn", Lan], mails.SelectMany(m => m.To).Order(StringComparer.Ordinal));
        CaughtMail toLanMail = Assert.Single(mails, m => m.To.Contains(Lan));
        Assert.Equal("Nhắc việc: tự kiểm điểm, tự đánh giá, xếp loại — hạn 23:59 ngày 15/12/2025", toLanMail.Subject);
        Assert.StartsWith("Kính gửi đồng chí,", toLanMail.Text, StringComparison.Ordinal);
        Assert.Contains("Bước tự kiểm điểm, tự đánh giá, xếp loại của Chi bộ Khu phố 3 cần hoàn thành trước 23:59 ngày 15/12/2025 (còn 7 ngày).", toLanMail.Text, StringComparison.Ordinal);
        string key = NotificationOutbox.Key(toLan.Id);
        Assert.Equal($"<{EmailChannel.MessageId(key, Lan, "annualreview.vn")}>", toLanMail.MessageId);
        Assert.Equal(key, toLanMail.NotificationKey);
        Assert.Empty(await h.OutboxKeysAsync(timeout));
        DeliveryRecord sent = Assert.Single(await h.Ledger.ReadAsync(key, timeout));
        Assert.Equal((EmailChannel.Name, DeliveryState.Sent, 1, Lan), (sent.Channel, sent.State, sent.Attempts, sent.Recipient));
        // The channel's inbox write lands on the row the workflow wrote, not beside it.
        NotificationRequest inInbox = Assert.Single(await h.Outbox.InboxAsync("m1", timeout));
        Assert.Equal(toLan.Id, inInbox.Id);
        Assert.Single(await h.Outbox.InboxAsync("m3", timeout));
    }

    [Fact]
    public async Task Runs_RepeatedConcurrentAndAfterTheOutboxIsRewritten_SendOneMailPerRecipientPerReminder()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(120));
        await using MailDevServer mail = await MailDevServer.StartAsync(timeout);
        var settings = Smtp(mail);
        await using DeliveryHarness first = await DeliveryHarness.StartAsync(azurite, settings);
        await using DeliveryHarness second = await DeliveryHarness.StartAsync(azurite, settings, first.Prefix, first.Clock);
        await using DeliveryHarness third = await DeliveryHarness.StartAsync(azurite, settings, first.Prefix, first.Clock);
        List<NotificationRequest> reminders = [.. Enumerable.Range(1, 24).Select(i => DeliveryHarness.Reminder($"m{i:D2}", $"member{i:D2}@example.vn", At))];
        await first.Outbox.WriteAsync(reminders, timeout);

        // Three instances drain the same outbox at once, then once more each.
        await Task.WhenAll(first.Delivery.RunAsync(timeout), second.Delivery.RunAsync(timeout), third.Delivery.RunAsync(timeout));
        await Task.WhenAll(first.Delivery.RunAsync(timeout), second.Delivery.RunAsync(timeout));
        // A retried workflow activity writes the same requests again after they were delivered.
        await first.Outbox.WriteAsync(reminders, timeout);
        Assert.Equal(24, (await first.OutboxKeysAsync(timeout)).Count);
        DeliveryRunSummary again = await third.Delivery.RunAsync(timeout);

        List<CaughtMail> mails = await mail.MailAsync(timeout);
        Assert.Equal(24, again.Completed);
        Assert.Equal(24, mails.Count);
        Assert.All(mails.GroupBy(m => string.Join(",", m.To)), g => Assert.Single(g));
        Assert.Equal(24, mails.Select(m => m.MessageId).Distinct().Count());
        Assert.Empty(await first.OutboxKeysAsync(timeout));
    }

    [Fact]
    public async Task Run_AfterASenderDiedHoldingTheClaim_RecordsTheEmailAsInterruptedAndDoesNotSendIt()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(90));
        await using MailDevServer mail = await MailDevServer.StartAsync(timeout);
        await using DeliveryHarness h = await DeliveryHarness.StartAsync(azurite, Smtp(mail));
        NotificationRequest reminder = DeliveryHarness.Reminder("m1", Lan, At);
        string key = NotificationOutbox.Key(reminder.Id);
        await h.Outbox.WriteAsync([reminder], timeout);
        // An instance claimed the email and died before recording the result (it may or may not have sent it).
        ClaimResult died = await h.Ledger.TryClaimAsync(key, EmailChannel.Name, Lan, resendInterrupted: false, timeout);
        Assert.NotNull(died.Claim);

        DeliveryRunSummary whileLeased = await h.Delivery.RunAsync(timeout);
        h.Clock.Advance(TimeSpan.FromMinutes(3));
        DeliveryRunSummary afterLease = await h.Delivery.RunAsync(timeout);

        Assert.Equal((1, 0), (whileLeased.Waiting, whileLeased.Completed));
        Assert.Equal(1, afterLease.Completed);
        Assert.Empty(await mail.MailAsync(timeout));
        DeliveryRecord record = Assert.Single(await h.Ledger.ReadAsync(key, timeout));
        Assert.Equal(DeliveryState.Interrupted, record.State);
        Assert.Empty(await h.OutboxKeysAsync(timeout));
    }

    [Fact]
    public async Task Run_WhenTheMailServerIsDown_KeepsTheReminderPendingWithoutClaimingIt()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        int closedPort;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
        }

        await using DeliveryHarness h = await DeliveryHarness.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = $"{closedPort}",
            ["Smtp:Security"] = "None",
        });
        NotificationRequest reminder = DeliveryHarness.Reminder("m1", Lan, At);
        await h.Outbox.WriteAsync([reminder, DeliveryHarness.Reminder("m2", "m2@example.vn", At)], timeout);

        DeliveryRunSummary run = await h.Delivery.RunAsync(timeout);

        Assert.Equal((2, 0), (run.Waiting, run.Completed));
        Assert.Equal(2, (await h.OutboxKeysAsync(timeout)).Count);
        Assert.Empty(await h.Ledger.ReadAsync(NotificationOutbox.Key(reminder.Id), timeout));
        // The inbox copy does not wait for the mail server.
        Assert.Single(await h.Outbox.InboxAsync("m1", timeout));
    }

    [Fact]
    public async Task Run_ARecipientWhoChoseEnglish_GetsTheEnglishText()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using MailDevServer mail = await MailDevServer.StartAsync(timeout);
        await using DeliveryHarness h = await DeliveryHarness.StartAsync(azurite, Smtp(mail));
        NotificationRequest reminder = DeliveryHarness.Reminder("m1", Lan, At);
        await h.Outbox.WriteAsync([reminder with { Data = new Dictionary<string, string>(reminder.Data) { ["language"] = "en" } }], timeout);

        await h.Delivery.RunAsync(timeout);

        CaughtMail sent = Assert.Single(await mail.MailAsync(timeout));
        Assert.Equal("Reminder: self-review due 15 December 2025, 23:59 (Vietnam time)", sent.Subject);
        Assert.StartsWith("Dear comrade,", sent.Text, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Smtp(MailDevServer mail) => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = $"{mail.SmtpPort}",
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "Ban Tổ chức <no-reply@annualreview.vn>",
    };
}
