using System.Globalization;
using System.Text.RegularExpressions;
using AnnualReview.Functions.Notifications.Texts;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;

namespace AnnualReview.Functions.Notifications.Inbox;

/// <summary>One notification as the inbox endpoint returns it, rendered in the reader's language.</summary>
public sealed record InboxItem(string Id, string Template, string Subject, string Body, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, string? CycleId, IReadOnlyDictionary<string, string> Data)
{
    /// <summary>The page where the step the notice is about is done.</summary>
    public string? Link { get; init; }
}

public sealed record InboxPage(int Unread, int Total, IReadOnlyList<InboxItem> Items);

/// <summary>
/// The caller's own in-app inbox: <c>GET /api/me/inbox</c> (newest first, with the unread count) and
/// <c>POST /api/me/inbox/{id}/read</c>. "Own" means the caller's member id (the <c>member</c> claim) and, for the
/// unit roles (cell secretary, committee, organization board), their unit's notifications (the <c>unit</c>
/// claim). There is no way to name another recipient: someone else's id is simply not found.
/// </summary>
public static partial class InboxEndpoints
{
    public const int DefaultTop = 50;
    public const int MaxTop = 200;

    /// <summary>Roles that act for their unit, so the unit's notifications are theirs to read.</summary>
    private static readonly string[] UnitRoles = [AppRoles.CellSecretary, AppRoles.Committee, AppRoles.OrganizationBoard];

    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder inbox = app.MapGroup("/api/me/inbox").RequireAuthorization();
        inbox.MapGet("/", ListAsync);
        inbox.MapPost("/{id}/read", MarkReadAsync);
        return app;
    }

    /// <summary>Whose notifications the caller reads: their member id, and their unit when they act for it.</summary>
    public static IReadOnlyList<string> RecipientsOf(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var recipients = new List<string>();
        if (caller.MemberId is { Length: > 0 } member)
        {
            recipients.Add(member);
        }

        if (caller.UnitId is { Length: > 0 } unit && caller.IsAny(UnitRoles))
        {
            recipients.Add(unit);
        }

        return recipients;
    }

    private static async Task<IResult> ListAsync(HttpContext context, InboxStore store, string? top, CancellationToken cancellation)
    {
        int take = DefaultTop;
        if (top is not null && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take < 1 || take > MaxTop))
        {
            return ApiProblem.Result(context, ProblemKind.Validation, "top",
                $"top phải là số nguyên từ 1 đến {MaxTop}.", $"top must be a whole number from 1 to {MaxTop}.");
        }

        IReadOnlyList<string> recipients = RecipientsOf(Caller.From(context.User));
        if (recipients.Count == 0)
        {
            return NoInbox(context);
        }

        NotificationLanguage language = ApiProblem.PrefersEnglish(context) ? NotificationLanguage.English : NotificationLanguage.Vietnamese;
        List<InboxEntry> entries = await store.ListAsync(recipients, cancellation);
        var items = entries.Take(take).Select(e =>
        {
            RenderedNotification text = NotificationRenderer.Render(e.Template, e.Data, language);
            return new InboxItem(e.Id, e.Template, text.Subject, text.Body, e.CreatedAt, e.ReadAt, e.CycleId, e.Data) { Link = NotificationLinks.PathFor(e.Data, e.CycleId) };
        }).ToList();
        return Results.Ok(new InboxPage(entries.Count(e => e.ReadAt is null), entries.Count, items));
    }

    private static async Task<IResult> MarkReadAsync(HttpContext context, InboxStore store, string id, CancellationToken cancellation)
    {
        if (!IdPattern().IsMatch(id))
        {
            return ApiProblem.Result(context, ProblemKind.Validation, "id", "Mã thông báo không hợp lệ.", "The notification id is not valid.");
        }

        var caller = Caller.From(context.User);
        if (caller.Roles.All(r => r == AppRoles.Auditor))
        {
            // An auditor reads and changes nothing, not even a read mark.
            return ApiProblem.Result(context, ProblemKind.Forbidden, null, "Kiểm tra viên không thay đổi dữ liệu.", "An auditor changes nothing.");
        }

        IReadOnlyList<string> recipients = RecipientsOf(caller);
        if (recipients.Count == 0)
        {
            return NoInbox(context);
        }

        InboxEntry? entry = await store.MarkReadAsync(recipients, id, cancellation);
        return entry is null
            ? ApiProblem.Result(context, ProblemKind.NotFound, "id", "Không có thông báo này trong hộp thư của đồng chí.", "There is no such notification in your inbox.")
            : Results.Ok(new { id = entry.Id, readAt = entry.ReadAt });
    }

    private static IResult NoInbox(HttpContext context)
        => ApiProblem.Result(context, ProblemKind.Forbidden, null, "Tài khoản này không có hộp thư thông báo.", "This account has no notification inbox.");

    /// <summary>Inbox row keys: the notification key (what it announces, hashed).</summary>
    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
