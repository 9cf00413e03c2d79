using AnnualReview.Assessment.Model;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>An attachment as the API shows it: the stored (sanitized) name, the detected type and its SHA-256.</summary>
public sealed record AttachmentView(string FileName, string ContentType, long Size, string Sha256)
{
    public static AttachmentView From(StoredAttachment stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new AttachmentView(stored.FileName, stored.ContentType, stored.Size, stored.Sha256);
    }
}

/// <summary>One stored version of a self-review (or of a cell's collective review).</summary>
public sealed record ReviewVersionView(
    int Version, string Form, IReadOnlyDictionary<string, string> Sections, RatingLevel? SelfRating, string SubmittedBy, DateTime SubmittedAt, IReadOnlyList<AttachmentView> Attachments)
{
    public static ReviewVersionView From(SelfReviewVersion version, bool withRating = true)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new ReviewVersionView(version.Version, version.Form, version.Sections, withRating ? version.SelfRating : null, version.SubmittedBy,
            DateTime.SpecifyKind(version.SubmittedAt, DateTimeKind.Utc), [.. version.Attachments.Select(AttachmentView.From)]);
    }
}

/// <summary>Every version of one member's self-review in a cycle, oldest first.</summary>
public sealed record SelfReviewHistoryView(string CycleId, string MemberId, IReadOnlyList<ReviewVersionView> Versions);
