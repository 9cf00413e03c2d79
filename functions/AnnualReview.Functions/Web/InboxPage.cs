using AnnualReview.Functions.Notifications.Texts;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Web;

/// <summary>
/// The in-app notifications: what the workflows asked to tell this person (reminders, escalations, final levels),
/// newest first. People read their own inbox; secretaries and committees also read their unit's.
/// </summary>
public static class InboxPage
{
    private static readonly string[] Anyone = [];

    public static void Map(IEndpointRouteBuilder app)
        => app.MapPage("GET", WebUi.Root + "/inbox", Anyone, ShowAsync);

    private static async Task<IResult> ShowAsync(WebRequest r)
    {
        var recipients = new List<string>();
        if (r.Caller.MemberId is { } member)
        {
            recipients.Add(member);
        }

        // Notifications to a unit (a cell, a committee, the board) are addressed by its id.
        if (r.Caller.UnitId is { } unit && r.Caller.IsAny(AppRoles.CellSecretary, AppRoles.Committee, AppRoles.OrganizationBoard))
        {
            recipients.Add(unit);
        }

        var outbox = r.Service<NotificationOutbox>();
        var all = new List<NotificationRequest>();
        foreach (string recipient in recipients)
        {
            all.AddRange(await outbox.InboxAsync(recipient, r.Cancellation));
        }

        var body = new Html();
        if (all.Count == 0)
        {
            body.Add($"<p class=\"muted\" id=\"inbox-empty\">{r.T("Chưa có thông báo.", "No notifications yet.")}</p>");
            return Layout.Render(r, r.T("Thông báo", "Notifications"), body.ToRaw());
        }

        body.Add($"<ul id=\"inbox\" class=\"inbox\">");
        foreach (NotificationRequest n in all.OrderByDescending(n => n.CreatedAt))
        {
            body.Add($"<li data-template=\"{n.Template}\"><strong>{Title(r, n)}</strong> <span class=\"muted\">· {r.Time(n.CreatedAt)}</span><br>{Detail(r, n)}{Open(r, n)}</li>");
        }

        body.Add($"</ul>");
        return Layout.Render(r, r.T("Thông báo", "Notifications"), body.ToRaw());
    }

    private static string Title(WebRequest r, NotificationRequest n) => n.Template switch
    {
        Templates.Reminder => r.T("Nhắc hạn", "Reminder"),
        Templates.Overdue => r.T("Quá hạn", "Overdue"),
        Templates.Escalation => r.T("Báo cáo lên cấp trên do quá hạn", "Escalation: overdue"),
        Templates.ClosedNotSubmitted => r.T("Đã khóa: không nộp", "Closed: not submitted"),
        Templates.MeetingCanBeHeld => r.T("Chi bộ có thể họp", "The cell can meet"),
        Templates.AppraisalRefused => r.T("Chưa hoàn tất được thẩm định", "Appraisal refused"),
        Templates.FinalLevel => r.T("Kết quả xếp loại", "Your final level"),
        Templates.Award => r.T("Khen thưởng", "Award"),
        Templates.FollowUp => r.T("Cần theo dõi", "Follow-up"),
        Templates.AwardRevoked => r.T("Thu hồi khen thưởng", "Award revoked"),
        Templates.MeetingRefused => r.T("Biên bản họp bị từ chối", "Meeting record refused"),
        Templates.DeputyAssigned => r.T("Được giao ghi biên bản họp chi bộ", "Asked to record the cell meeting"),
        _ => n.Template,
    };

    private static string Detail(WebRequest r, NotificationRequest n)
    {
        string Get(string key) => n.Data.TryGetValue(key, out string? value) ? value : "";
        return n.Template switch
        {
            Templates.FinalLevel when Enum.TryParse(Get("level"), out Assessment.Model.RatingLevel level) => r.T("Mức: ", "Level: ") + r.Level(level),
            Templates.AppraisalRefused => Get("reason"),
            Templates.DeputyAssigned => r.T("Ghi biên bản họp thay bí thư: ", "Record the meeting for the secretary: ") + Get("unit"),
            _ => string.Join(" · ", n.Data.Where(d => d.Value.Length > 0).Select(d => $"{d.Key}: {d.Value}")),
        };
    }

    /// <summary>A notice about a step opens the page where it is done: a reminder opens the member's own form.</summary>
    private static Raw Open(WebRequest r, NotificationRequest n)
    {
        string path = NotificationLinks.PathFor(n.Data, n.CycleId);
        return path == WebUi.Root + "/inbox" ? Raw.Empty : Html.Of($" <a class=\"open-step\" href=\"{path}\">{r.T("Mở để thực hiện", "Open it")}</a>");
    }
}
