using AnnualReview.Functions.Notifications.Texts;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Functions.Tests.Notifications.Texts;

public sealed class NotificationLinksTests
{
    private static readonly Dictionary<string, string> SelfReviewReminder = new() { ["step"] = "SelfReview", ["unit"] = "Chi bộ khu phố 1", ["due"] = "2026-12-10T16:59:59.0000000Z", ["daysBefore"] = "3" };

    [Fact]
    public void AMembersReminder_OpensTheirOwnSelfReviewOfTheCycle()
    {
        Assert.Equal("/web/review?cycle=cycle-2026-hcm", NotificationLinks.PathFor(SelfReviewReminder, "cycle-2026-hcm"));
        Assert.Equal("https://kiemdiem.example.vn/web/review?cycle=cycle-2026-hcm", NotificationLinks.For(new Uri("https://kiemdiem.example.vn/"), SelfReviewReminder, "cycle-2026-hcm"));
    }

    [Fact]
    public void ASecretarysAndACommitteesNotices_OpenTheMeetingAndTheAppraisal_AnythingElseTheInbox()
    {
        Assert.StartsWith("/web/meeting?cycle=", NotificationLinks.PathFor(new Dictionary<string, string> { ["step"] = "CellMeeting" }, "c"), StringComparison.Ordinal);
        Assert.StartsWith("/web/appraisal?cycle=", NotificationLinks.PathFor(new Dictionary<string, string> { ["step"] = "GrassrootsDecision" }, "c"), StringComparison.Ordinal);
        Assert.Equal("/web/inbox", NotificationLinks.PathFor(new Dictionary<string, string> { ["level"] = "Good" }, "c"));
    }

    [Fact]
    public void TheRenderedReminder_CarriesTheLinkInTheReadersLanguage()
    {
        string link = NotificationLinks.For(new Uri("https://kiemdiem.example.vn/"), SelfReviewReminder, "cycle-2026-hcm");

        RenderedNotification vi = NotificationRenderer.Render(Templates.Reminder, SelfReviewReminder, NotificationLanguage.Vietnamese, link);
        RenderedNotification en = NotificationRenderer.Render(Templates.Reminder, SelfReviewReminder, NotificationLanguage.English, link);

        Assert.EndsWith("Mở trực tiếp (sau khi đăng nhập): https://kiemdiem.example.vn/web/review?cycle=cycle-2026-hcm", vi.Body, StringComparison.Ordinal);
        Assert.EndsWith("Open it here (after signing in): https://kiemdiem.example.vn/web/review?cycle=cycle-2026-hcm", en.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("http", NotificationRenderer.Render(Templates.Reminder, SelfReviewReminder, NotificationLanguage.Vietnamese).Body, StringComparison.Ordinal);
    }
}
