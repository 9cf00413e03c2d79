using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;
using AnnualReview.Functions.Api.Attachments;
using AnnualReview.Functions.Problems;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Rules;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>Why a self-review cannot be taken: a problem for the API, an error beside the form for the web.</summary>
public sealed record SelfReviewRefusal(ProblemKind Kind, string Field, string MessageVi, string MessageEn)
{
    public IResult ToProblem(HttpContext context) => ApiProblem.Result(context, Kind, Field, MessageVi, MessageEn);

    public ValidationError ToError() => new(Kind.Slug, Field, MessageVi, MessageEn);
}

/// <summary>
/// Whether a member's self-review may be taken now, and whether a file is one the review accepts. The API and the
/// web form both ask here, so the rule lives once: the member is reviewed this year (rated or not), their cell's step is open,
/// a resubmission comes before the meeting opens, and every attachment is a PDF, DOCX, JPEG or PNG by content.
/// </summary>
public sealed class SelfReviewRules(CycleDirectory cycles, SubmissionStore submissions)
{
    public async Task<SelfReviewRefusal?> CheckOpenAsync(string cycleId, CycleInput cycle, Member member, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(member);
        // A member admitted under 6 months is reviewed though not rated; only the exempt and suspended write nothing.
        if (!CycleRules.For(cycle.RuleSetId).EligibilityOf(member, cycle).Reviewed)
        {
            return new SelfReviewRefusal(ProblemKind.Conflict, "memberId",
                "Đảng viên này không thuộc diện kiểm điểm năm nay (miễn hoặc đình chỉ sinh hoạt đảng).",
                "This member is not reviewed this year (exempt from or suspended from party activities).");
        }

        UnitStep? step = await cycles.StepAsync(cycleId, member.CellId, cancellation);
        if (step is null || (step.Running && step.Stage is null))
        {
            return new SelfReviewRefusal(ReviewProblems.StepNotOpen, "memberId", "Bản tự kiểm điểm: đợt kiểm điểm chưa đến bước này.", "Self-review: the cycle has not reached this step yet.");
        }

        if (!step.Running)
        {
            return new SelfReviewRefusal(ProblemKind.StepClosed, "memberId", "Bản tự kiểm điểm: bước này đã đóng, đợt kiểm điểm của chi bộ đã kết thúc.", "Self-review: this step is closed; the cell's cycle has ended.");
        }

        // Resubmitting stops when the meeting opens; a first submission is still taken (the member is rated afterwards).
        if (step.Flag("meetingOpen") && (await submissions.VersionsAsync(cycleId, member.Id, cancellation)).Count > 0)
        {
            return new SelfReviewRefusal(ProblemKind.StepClosed, "memberId",
                "Chi bộ đã khai mạc cuộc họp kiểm điểm: không nộp lại bản tự kiểm điểm được nữa.",
                "The cell meeting has opened: the self-review can no longer be resubmitted.");
        }

        return null;
    }

    /// <summary>The file's kind by its content, or the refusal naming it (its name and declared type do not count).</summary>
    public static (AttachmentKind? Kind, SelfReviewRefusal? Refusal) Inspect(byte[] content, int index, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content.Length > 0 && AttachmentInspector.Detect(content) is { } kind
            ? (kind, null)
            : (null, new SelfReviewRefusal(ProblemKind.UnsupportedAttachment, $"attachments[{index}]",
                $"Tệp đính kèm thứ {index + 1} ({fileName}) không phải PDF, DOCX, JPEG hay PNG (xét theo nội dung, không theo tên tệp).",
                $"Attachment {index + 1} ({fileName}) is not a PDF, DOCX, JPEG or PNG by its content (its name does not count)."));
    }
}
