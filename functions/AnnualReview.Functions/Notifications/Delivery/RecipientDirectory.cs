using AnnualReview.Assessment.Model;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Notifications.Delivery;

/// <summary>How to reach a recipient outside the app.</summary>
public sealed record RecipientContact(string? Email, string? Phone, string? Name)
{
    public static RecipientContact Unknown { get; } = new(null, null, null);
}

/// <summary>
/// Looks a recipient up in the roster when the notification itself does not say how to reach them (the
/// workflows put the email on reminders, not always on results). A recipient is a member or a unit
/// (the unit's secretary or standing office); both are point reads.
/// </summary>
public sealed class RecipientDirectory(RosterStore roster)
{
    public async Task<RecipientContact> FindAsync(string recipientId, CancellationToken cancellation)
    {
        if (string.IsNullOrEmpty(recipientId))
        {
            return RecipientContact.Unknown;
        }

        Member? member = await roster.GetMemberAsync(recipientId, cancellation);
        if (member is not null)
        {
            return new RecipientContact(member.Email, member.Phone, member.FullName);
        }

        Unit? unit = await roster.GetUnitAsync(recipientId, cancellation);
        return unit is null ? RecipientContact.Unknown : new RecipientContact(unit.Email, null, unit.Name);
    }
}
