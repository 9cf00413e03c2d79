using AnnualReview.Workflows.Contracts;
using static AnnualReview.Functions.Notifications.Texts.NotificationRenderer;

namespace AnnualReview.Functions.Notifications.Texts;

/// <summary>The English texts, for readers who chose English.</summary>
internal static class EnglishTexts
{
    private const string Greeting = "Dear comrade,";
    private const string SignIn = "Please sign in to the annual review and quality rating system to do it.";
    private const string Signature = "Annual review and quality rating system";

    public static readonly IReadOnlyDictionary<string, Func<TemplateData, RenderedNotification>> All =
        new Dictionary<string, Func<TemplateData, RenderedNotification>>(StringComparer.Ordinal)
        {
            [Templates.Reminder] = d => new(
                $"Reminder: {d.Step} due {d.Date("due")}",
                Paragraphs(
                    Greeting,
                    $"The {d.Step} step of {d.Unit} is due by {d.Date("due")}" + (d.Has("daysBefore") ? $" ({d["daysBefore"]} days left)." : "."),
                    SignIn,
                    Signature)),
            [Templates.Overdue] = d => new(
                $"Overdue: {d.Step}",
                Paragraphs(
                    Greeting,
                    $"The {d.Step} step of {d.Unit} was due by {d.Date("due")} and is not done. The delay has been recorded; if it goes on, it will be reported to the level above.",
                    SignIn,
                    Signature)),
            [Templates.Escalation] = d => new(
                $"Late report: {d.Unit}, {d.Step}",
                Paragraphs(
                    Greeting,
                    $"{d.Unit} has not completed the {d.Step} step (due {d.Date("due")})" + (d.Has("rung") ? $"; this is report no. {d["rung"]}." : "."),
                    d.Has("pending") ? $"Still outstanding: {d["pending"]}." + (d.Has("missing") ? $" They are: {d["missing"]}." : "") : null,
                    d.Flag("handsOver")
                        ? "Under the rules, the level above may now take over this step and carry it out directly."
                        : "Please see that it is completed.",
                    Signature)),
            [Templates.ClosedNotSubmitted] = d => new(
                $"The {d.Step} step has closed: recorded as not submitted",
                Paragraphs(
                    Greeting,
                    $"The {d.Step} step of {d.Unit} (due {d.Date("due")}) has closed. Your part is recorded as not submitted; the collective will consider and rate it under the rules.",
                    Signature)),
            [Templates.MeetingCanBeHeld] = d => new(
                $"{d.Unit}: the cell review meeting can be held",
                Paragraphs(
                    Greeting,
                    $"The members of {d.Unit} have finished their self-reviews. The cell can hold its review meeting and propose ratings" + (d.Has("due") ? $" by {d.Date("due")}." : "."),
                    d.Has("missing") ? $"Members who did not submit a self-review: {d["missing"]}." : null,
                    Signature)),
            [Templates.AppraisalRefused] = d => new(
                $"{d.Unit}: the proposed ratings were returned",
                Paragraphs(
                    Greeting,
                    $"The level above returned the proposed ratings of {d.Unit}." + (d.Has("reason") ? $" Reason: {d["reason"]}." : ""),
                    "Please review, complete and send them again.",
                    Signature)),
            [Templates.MeetingRefused] = d => new(
                $"{d.Unit}: the cell meeting's result was returned",
                Paragraphs(
                    Greeting,
                    $"The review meeting result of {d.Unit} was not accepted." + (d.Has("reason") ? $" Reason: {d["reason"]}." : ""),
                    "Please complete the minutes and the vote and send them again.",
                    Signature)),
            [Templates.DeputyAssigned] = d => new(
                $"{d.Unit}: you are asked to record the cell meeting",
                Paragraphs(
                    Greeting,
                    $"The review meeting of {d.Unit} is overdue. The committee above asks you to stand in for the secretary: submit the collective review and record the meeting and its vote" + (d.Has("due") ? $" (the meeting was due {d.Date("due")})." : "."),
                    "Everything the members submitted is kept.",
                    Signature)),
            [Templates.FinalLevel] = d => new(
                $"Your quality rating for {d["year"]}",
                Paragraphs(
                    Greeting,
                    $"Your quality rating for {d["year"]} is: {d.Level()}.",
                    d.Has("cancelled") ? $"The earlier rating ({d.Level("cancelled")}) has been cancelled." + (d.Has("reason") ? $" Reason: {d["reason"]}." : "") : null,
                    d.Awards("awards").Count > 0 ? $"Awards: {string.Join("; ", d.Awards("awards"))}." : null,
                    d.Flags().Count > 0 ? $"Note: {string.Join("; ", d.Flags())}." : null,
                    d.Flag("followUp") ? "The cell will assign members to help you overcome the shortcomings in the coming year." : null,
                    Signature)),
            [Templates.Award] = d => new(
                $"Award for {d["year"]}",
                Paragraphs(
                    Greeting,
                    $"Congratulations: rated {d.Level()} for {d["year"]}, you receive: {string.Join("; ", d.Awards("awards"))}.",
                    Signature)),
            [Templates.FollowUp] = d => new(
                "Plan to help overcome shortcomings" + (d.Has("year") ? $" ({d["year"]})" : ""),
                Paragraphs(
                    Greeting,
                    "The cell has made a plan to help you overcome shortcomings" + (d.Has("level") ? $" after the rating {d.Level()}." : "."),
                    d.Has("due") ? $"To be completed by {d.Date("due")}." : null,
                    d.Has("note") ? d["note"] : null,
                    Signature)),
            [Templates.AwardRevoked] = d => new(
                $"Your rating for {d["year"]} was revised",
                Paragraphs(
                    Greeting,
                    $"Your rating for {d["year"]} has been reviewed again" + (d.Has("cancelled") ? $": {d.Level("cancelled")} is cancelled" : "") + $"; the new rating is {d.Level()}.",
                    d.Has("reason") ? $"Reason: {d["reason"]}." : null,
                    d.Has("revoked") ? $"Awards revoked: {string.Join("; ", d.Awards("revoked"))}." : null,
                    Signature)),
        };

    public static RenderedNotification General(TemplateData d) => new(
        "Notice from the annual review system",
        Paragraphs(Greeting, "You have a new notice" + (d.Unit.Length > 0 ? $" about {d.Unit}." : "."), SignIn, Signature));
}
