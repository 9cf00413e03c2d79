using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Functions.Notifications.Delivery;
using AnnualReview.Functions.Security;
using AnnualReview.Testing;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Notifications.Inbox;

[Collection("azurite")]
public sealed class InboxEndpointsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Earlier = new(2025, 12, 8, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Inbox_AMemberSeesOnlyTheirOwnNotificationsNewestFirst_AndMarksThemRead()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        var (_, toOther, _) = await SeedAsync(app, timeout);
        using HttpClient lan = app.As(AppRoles.Member, "c3", "m1");

        JsonElement page = await lan.GetFromJsonAsync<JsonElement>("/api/me/inbox", timeout);
        JsonElement[] items = [.. page.GetProperty("items").EnumerateArray()];
        string newest = items[0].GetProperty("id").GetString()!;
        using HttpResponseMessage marked = await lan.PostAsync(new Uri($"/api/me/inbox/{newest}/read", UriKind.Relative), null, timeout);
        JsonElement afterRead = await lan.GetFromJsonAsync<JsonElement>("/api/me/inbox", timeout);
        using HttpResponseMessage markedAgain = await lan.PostAsync(new Uri($"/api/me/inbox/{newest}/read", UriKind.Relative), null, timeout);

        Assert.Equal((2, 2), (page.GetProperty("unread").GetInt32(), page.GetProperty("total").GetInt32()));
        Assert.Equal([Templates.FinalLevel, Templates.Reminder], items.Select(i => i.GetProperty("template").GetString()));
        Assert.Equal("Kết quả xếp loại chất lượng năm 2025", items[0].GetProperty("subject").GetString());
        Assert.Contains("Hoàn thành tốt nhiệm vụ", items[0].GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("readAt").ValueKind);
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal(1, afterRead.GetProperty("unread").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, afterRead.GetProperty("items")[0].GetProperty("readAt").ValueKind);
        Assert.Equal(HttpStatusCode.OK, markedAgain.StatusCode);
        Assert.DoesNotContain(items, i => i.GetProperty("id").GetString() == InboxChannel.RowKey(toOther));
    }

    [Fact]
    public async Task Inbox_AnotherMembersNotification_IsNotFoundAndStaysUnread()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        var (_, toOther, _) = await SeedAsync(app, timeout);
        using HttpClient lan = app.As(AppRoles.Member, "c3", "m1");
        using HttpClient binh = app.As(AppRoles.Member, "c3", "m2");

        using HttpResponseMessage response = await lan.PostAsync(new Uri($"/api/me/inbox/{InboxChannel.RowKey(toOther)}/read", UriKind.Relative), null, timeout);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>(timeout);
        JsonElement binhsInbox = await binh.GetFromJsonAsync<JsonElement>("/api/me/inbox", timeout);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://annualreview.vn/problems/not-found", problem.GetProperty("type").GetString());
        Assert.Equal(1, binhsInbox.GetProperty("unread").GetInt32());
        Assert.Equal(InboxChannel.RowKey(toOther), binhsInbox.GetProperty("items")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Inbox_ACellSecretarySeesTheirCellsNoticesBesideTheirOwn_InEnglishWhenAsked()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        await SeedAsync(app, timeout);
        using HttpClient secretary = app.As(AppRoles.CellSecretary, "c3", "m9", "en");
        using HttpClient otherCommittee = app.As(AppRoles.Committee, "g7", null);

        JsonElement page = await secretary.GetFromJsonAsync<JsonElement>("/api/me/inbox", timeout);
        JsonElement other = await otherCommittee.GetFromJsonAsync<JsonElement>("/api/me/inbox", timeout);

        JsonElement item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(Templates.MeetingCanBeHeld, item.GetProperty("template").GetString());
        Assert.Equal("Chi bộ Khu phố 3: the cell review meeting can be held", item.GetProperty("subject").GetString());
        Assert.Equal(0, other.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Inbox_BadInputWrongRoleAndNoSignIn_AreProblems()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        var (ownReminder, _, _) = await SeedAsync(app, timeout);
        using HttpClient lan = app.As(AppRoles.Member, "c3", "m1");
        using HttpClient auditor = app.As(AppRoles.Auditor, "c3", "m1");
        using HttpClient admin = app.As(AppRoles.Admin, null);
        using HttpClient anonymous = app.Anonymous();
        var readOwn = new Uri($"/api/me/inbox/{InboxChannel.RowKey(ownReminder)}/read", UriKind.Relative);

        using HttpResponseMessage badId = await lan.PostAsync(new Uri("/api/me/inbox/not-an-id/read", UriKind.Relative), null, timeout);
        using HttpResponseMessage badTop = await lan.GetAsync(new Uri("/api/me/inbox?top=0", UriKind.Relative), timeout);
        JsonElement one = await lan.GetFromJsonAsync<JsonElement>("/api/me/inbox?top=1", timeout);
        using HttpResponseMessage auditorMarks = await auditor.PostAsync(readOwn, null, timeout);
        using HttpResponseMessage adminHasNoInbox = await admin.GetAsync(new Uri("/api/me/inbox", UriKind.Relative), timeout);
        using HttpResponseMessage unsigned = await anonymous.GetAsync(new Uri("/api/me/inbox", UriKind.Relative), timeout);
        JsonElement stillUnread = await lan.GetFromJsonAsync<JsonElement>("/api/me/inbox", timeout);

        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal("id", (await badId.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badTop.StatusCode);
        Assert.Equal("top", (await badTop.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("field").GetString());
        Assert.Equal((1, 2), (one.GetProperty("items").GetArrayLength(), one.GetProperty("total").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, auditorMarks.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminHasNoInbox.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal("application/problem+json", unsigned.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, stillUnread.GetProperty("unread").GetInt32());
    }

    /// <summary>Writes notifications as the workflows do and runs the app's own delivery (inbox only: no SMTP, no webhook set).</summary>
    private static async Task<(NotificationRequest OwnReminder, NotificationRequest ToOther, NotificationRequest ToCell)> SeedAsync(TestApp app, CancellationToken timeout)
    {
        await app.Services.GetRequiredService<AssessmentStorage>().EnsureCreatedAsync(timeout);
        NotificationRequest reminder = DeliveryHarness.Reminder("m1", "lan@example.vn", Earlier);
        NotificationRequest final = new("review-2025|final-level|m1", "m1", Templates.FinalLevel, new Dictionary<string, string>
        {
            ["year"] = "2025",
            ["level"] = "Good",
            ["awards"] = "",
            ["flags"] = "",
            ["followUp"] = "false",
        })
        {
            CycleId = "review-2025",
            CreatedAt = Earlier.AddDays(10).UtcDateTime,
        };
        NotificationRequest toOther = DeliveryHarness.Reminder("m2", null, Earlier);
        NotificationRequest toCell = new("review-2025|c3|meeting-can-be-held|meeting|c3", "c3", Templates.MeetingCanBeHeld, new Dictionary<string, string>
        {
            ["unit"] = "Chi bộ Khu phố 3",
            ["missing"] = "",
            ["due"] = "2025-12-20T16:59:59.0000000Z",
        })
        {
            CycleId = "review-2025",
            CreatedAt = Earlier.AddDays(3).UtcDateTime,
        };
        await app.Services.GetRequiredService<NotificationOutbox>().WriteAsync([reminder, final, toOther, toCell], timeout);
        DeliveryRunSummary run = await app.Services.GetRequiredService<NotificationDelivery>().RunAsync(timeout);
        Assert.Equal(4, run.Completed);
        return (reminder, toOther, toCell);
    }
}
