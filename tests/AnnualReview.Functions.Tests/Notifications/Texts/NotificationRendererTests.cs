using System.Reflection;
using AnnualReview.Functions.Notifications.Texts;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Functions.Tests.Notifications.Texts;

public sealed class NotificationRendererTests
{
    /// <summary>Every key any workflow puts in a notification's data, with realistic values.</summary>
    private static readonly Dictionary<string, string> AllData = new()
    {
        ["step"] = "CellMeeting",
        ["unit"] = "Chi bộ Khu phố 3",
        ["due"] = "2025-12-20T16:59:59.0000000Z",
        ["pending"] = "2",
        ["daysBefore"] = "3",
        ["missing"] = "Nguyễn Văn An, Trần Thị Bích",
        ["rung"] = "2",
        ["handsOver"] = "true",
        ["reason"] = "Thiếu biên bản họp",
        ["year"] = "2025",
        ["level"] = "Excellent",
        ["awards"] = "YearCertificate:2025-2025, FiveConsecutiveExcellent:2021-2025",
        ["flags"] = "",
        ["followUp"] = "false",
        ["cancelled"] = "Good",
        ["revoked"] = "YearCertificate:2024-2024",
    };

    public static TheoryData<string, NotificationLanguage> EveryTemplateInEveryLanguage()
    {
        var data = new TheoryData<string, NotificationLanguage>();
        foreach (string template in WorkflowTemplates())
        {
            data.Add(template, NotificationLanguage.Vietnamese);
            data.Add(template, NotificationLanguage.English);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTemplateInEveryLanguage))]
    public void Render_EveryTemplateTheWorkflowsUse_HasItsOwnTextWithTheDataFilledIn(string template, NotificationLanguage language)
    {
        RenderedNotification text = NotificationRenderer.Render(template, AllData, language);
        RenderedNotification general = NotificationRenderer.Render("no-such-template", AllData, language);

        Assert.True(NotificationRenderer.Knows(template, language));
        Assert.NotEqual(general.Subject, text.Subject);
        Assert.False(string.IsNullOrWhiteSpace(text.Subject));
        Assert.DoesNotContain('{', text.Subject + text.Body);
        Assert.DoesNotContain('}', text.Subject + text.Body);
        Assert.StartsWith(language == NotificationLanguage.English ? "Dear comrade," : "Kính gửi đồng chí,", text.Body, StringComparison.Ordinal);
        Assert.True(text.Body.Contains("Chi bộ Khu phố 3", StringComparison.Ordinal) || text.Body.Contains("2025", StringComparison.Ordinal) || text.Subject.Contains("2025", StringComparison.Ordinal),
            $"{template} shows neither the unit nor the year: {text.Subject} / {text.Body}");
    }

    [Fact]
    public void Render_EveryTemplate_AlsoWithNoDataAtAll()
    {
        foreach (string template in WorkflowTemplates())
        {
            RenderedNotification vi = NotificationRenderer.Render(template, new Dictionary<string, string>(), NotificationLanguage.Vietnamese);
            Assert.False(string.IsNullOrWhiteSpace(vi.Subject), template);
            Assert.Contains("Kính gửi đồng chí,", vi.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_Reminder_InVietnamese_GivesTheDeadlineInVietnamTime()
    {
        RenderedNotification text = NotificationRenderer.Render(Templates.Reminder, AllData, NotificationLanguage.Vietnamese);

        Assert.Equal("Nhắc việc: họp chi bộ kiểm điểm, đề xuất xếp loại — hạn 23:59 ngày 20/12/2025", text.Subject);
        Assert.Contains("Bước họp chi bộ kiểm điểm, đề xuất xếp loại của Chi bộ Khu phố 3 cần hoàn thành trước 23:59 ngày 20/12/2025 (còn 3 ngày).", text.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Reminder_InEnglish()
    {
        RenderedNotification text = NotificationRenderer.Render(Templates.Reminder, AllData, NotificationLanguage.English);

        Assert.Equal("Reminder: cell review meeting due 20 December 2025, 23:59 (Vietnam time)", text.Subject);
        Assert.Contains("The cell review meeting step of Chi bộ Khu phố 3 is due by 20 December 2025, 23:59 (Vietnam time) (3 days left).", text.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Kính gửi", text.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FinalLevelWithAwards_NamesTheLevelAndEachAwardInBothLanguages()
    {
        RenderedNotification vi = NotificationRenderer.Render(Templates.FinalLevel, AllData, NotificationLanguage.Vietnamese);
        RenderedNotification en = NotificationRenderer.Render(Templates.FinalLevel, AllData, NotificationLanguage.English);

        Assert.Contains("Đồng chí được xếp loại chất lượng năm 2025: Hoàn thành xuất sắc nhiệm vụ.", vi.Body, StringComparison.Ordinal);
        Assert.Contains("Giấy khen năm 2025; khen thưởng 5 năm liền hoàn thành xuất sắc nhiệm vụ (2021–2025)", vi.Body, StringComparison.Ordinal);
        Assert.Contains("Your quality rating for 2025 is: Excellently completed duties.", en.Body, StringComparison.Ordinal);
        Assert.Contains("certificate of merit for 2025; award for 5 consecutive years", en.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EscalationThatHandsOver_SaysTheLevelAboveMayTakeOver()
    {
        RenderedNotification text = NotificationRenderer.Render(Templates.Escalation, AllData, NotificationLanguage.Vietnamese);

        Assert.Equal("Báo cáo chậm trễ: Chi bộ Khu phố 3 — họp chi bộ kiểm điểm, đề xuất xếp loại", text.Subject);
        Assert.Contains("Gồm: Nguyễn Văn An, Trần Thị Bích.", text.Body, StringComparison.Ordinal);
        Assert.Contains("cấp trên có thể tiếp nhận", text.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnUnknownTemplate_IsAGeneralNoticeRatherThanAnError()
    {
        RenderedNotification text = NotificationRenderer.Render("future-template", AllData, NotificationLanguage.Vietnamese);

        Assert.False(NotificationRenderer.Knows("future-template", NotificationLanguage.Vietnamese));
        Assert.Equal("Thông báo từ hệ thống kiểm điểm, đánh giá, xếp loại", text.Subject);
        Assert.Contains("Chi bộ Khu phố 3", text.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vi", NotificationLanguage.Vietnamese)]
    [InlineData("vi-VN", NotificationLanguage.Vietnamese)]
    [InlineData("EN-gb", NotificationLanguage.English)]
    [InlineData("fr", null)]
    [InlineData("", null)]
    public void Parse_LanguageTags(string tag, NotificationLanguage? expected)
        => Assert.Equal(expected, NotificationLanguages.Parse(tag));

    private static IEnumerable<string> WorkflowTemplates()
        => typeof(Templates).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
}
