using AnnualReview.Functions.Api.Attachments;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Functions.Idempotency;
using System.Text.Json;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;
using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Steps;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Rules;
using AnnualReview.Workflows.Storage;
using Azure.Storage.Blobs;

namespace AnnualReview.Functions.Web;

/// <summary>
/// A member's self-review: the sections of the form the rule set gives them (02A/02B/02C, or 2A/2B/2C), the
/// self-rated level, attachments, a draft kept on the server between sittings, the deadline and the step's status,
/// and every version they submitted. A member reaches only their own review; the cell's secretary reaches a member
/// handed over to them (<c>?member=</c>, checked by <see cref="SelfReviewSubmitterStep"/>).
/// </summary>
public static class SelfReviewPage
{
    private const long MaxAttachmentBytes = 10 * 1024 * 1024;
    private const int MaxAttachments = 5;
    private static readonly string[] Anyone = [];

    private sealed record Draft(Dictionary<string, string> Sections, string? SelfRating);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPage("GET", WebUi.Root + "/review", Anyone, r => ShowAsync(r, null, []));
        app.MapPage("POST", WebUi.Root + "/review", Anyone, SubmitAsync);
    }

    private sealed record Context(Member Member, CycleSummary Cycle, RuleSet Rules, FormDefinition Form);

    private static async Task<(Context? Context, IResult? Refusal)> LoadAsync(WebRequest r)
    {
        // ?member= is the secretary submitting on behalf of a member handed over to them ("Nộp thay").
        string? memberId = r.Query("member") ?? r.Caller.MemberId;
        if (memberId is null)
        {
            return (null, WebPage.Forbidden(r));
        }

        Member? member = await r.Service<RosterStore>().GetMemberAsync(memberId, r.Cancellation);
        if (member is null)
        {
            return (null, WebPage.NotFound(r, r.T("Không tìm thấy đảng viên này trong danh sách.", "This member is not on the roster.")));
        }

        CycleSummary? cycle = await r.Service<CycleDirectory>().PickAsync(r, member.CellId);
        if (cycle is null)
        {
            return (null, Layout.Render(r, r.T("Bản tự kiểm điểm", "My self-review"), Html.Of($"<p>{r.T("Chưa có đợt đánh giá nào cho chi bộ của bạn.", "No cycle concerns your cell yet.")}</p>")));
        }

        if (await r.Service<SelfReviewSubmitterStep>().CheckAsync(r.Caller, cycle.CycleId, member, r.Cancellation) is { } notYours)
        {
            return (null, StepPageParts.Refused(r, r.T("Bản tự kiểm điểm", "My self-review"), notYours));
        }

        RuleSet rules = CycleRules.For(cycle.Input.RuleSetId).RuleSet;
        return (new Context(member, cycle, rules, rules.FormFor(member)), null);
    }

    private static async Task<IResult> ShowAsync(WebRequest r, Dictionary<string, string>? values, IReadOnlyList<ValidationError> errors)
    {
        var (context, refusal) = await LoadAsync(r);
        if (context is null)
        {
            return refusal!;
        }

        (Member member, CycleSummary cycle, _, FormDefinition form) = context;
        List<SelfReviewVersion> versions = await r.Service<SubmissionStore>().VersionsAsync(cycle.CycleId, member.Id, r.Cancellation);

        // A draft first; else what was last submitted, so a resubmission starts from it.
        values ??= await ReadDraftAsync(r, cycle.CycleId, member.Id) ?? FromVersion(versions.MaxBy(v => v.Version));
        SelfReviewRefusal? closed = await r.Service<SelfReviewRules>().CheckOpenAsync(cycle.CycleId, cycle.Input, member, r.Cancellation);
        DateTime now = r.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        var plan = (await r.PlansForAsync(cycle.Input, member.CellId)).SelfReview;
        CarriedShortcomingList carried = await r.Service<CarriedShortcomings>().ForAsync(cycle.Input, member.Id, r.Cancellation);
        var body = new Html();
        if (r.Query("submitted") is { } version)
        {
            body.Add($"<p class=\"notice\" role=\"status\" id=\"submitted\">{r.T("Đã nộp bản kiểm điểm, lần", "Self-review submitted, version")} {version}.</p>");
        }

        if (r.Query("draft") is not null)
        {
            body.Add($"<p class=\"notice\" role=\"status\" id=\"draft-saved\">{r.T("Đã lưu bản nháp. Bạn có thể tiếp tục sau, trên máy này hoặc máy khác.", "Draft saved. You can continue later, here or on another device.")}</p>");
        }

        string status = closed is { } refused
            ? (refused.Kind == ReviewProblems.StepNotOpen ? r.T("Chưa mở", "Not open yet") : refused.Kind == Problems.ProblemKind.StepClosed ? r.T("Đã đóng", "Closed") : r.T("Không áp dụng với bạn", "Does not apply to you"))
            // Past its hard stop the cell still takes a first or a new version until the meeting opens: say so, not "closed".
            : now > plan.HardStop ? r.T("Đã qua hạn khóa sổ — chi bộ vẫn nhận cho đến khi khai mạc cuộc họp", "Past the step's close — the cell still takes it until the meeting opens")
            : now > plan.Due ? r.T("Đã quá hạn — vẫn có thể nộp cho đến khi khóa sổ", "Overdue — you can still submit until the step closes")
            : r.T("Đang mở", "Open");
        if (SelfReviewSubmitterStep.IsTheMember(r.Caller, member.Id)
            && CellActorStep.IsDeputy(r.Caller, await r.Service<Api.Reviews.CycleDirectory>().StepAsync(cycle.CycleId, member.CellId, r.Cancellation)))
        {
            // Journey 3: the member named deputy finds the meeting from their own page (and from the notice).
            body.Add($"<p class=\"notice\" id=\"deputy-task\">{r.T("Cấp ủy đã giao đồng chí ghi biên bản họp chi bộ thay bí thư.", "The committee named you to record the cell meeting for the secretary.")} <a href=\"{WebUi.Root}/meeting?cycle={Uri.EscapeDataString(cycle.CycleId)}&cell={Uri.EscapeDataString(member.CellId)}\" id=\"open-meeting\">{r.T("Mở trang họp chi bộ", "Open the cell meeting")}</a></p>");
        }

        if (!SelfReviewSubmitterStep.IsTheMember(r.Caller, member.Id))
        {
            // The secretary acting after a hand-over must see whose review this is: the form says "yours" otherwise.
            body.Add($"<p class=\"notice\" role=\"status\" id=\"on-behalf-of\">{r.T("Nộp thay cho đảng viên", "Submitting on behalf of")} {member.FullName} ({member.Id})</p>");
        }

        body.Add($"""
            <dl class="task" id="task">
            <dt>{r.T("Đợt", "Cycle")}</dt><dd title="{cycle.CycleId}">{r.T("Kiểm điểm, đánh giá năm", "Annual review")} {cycle.Input.Year}</dd>
            <dt>{r.T("Mẫu", "Form")}</dt><dd>{form.Code} — {r.T(form.TitleVi, form.TitleEn)}</dd>
            <dt>{r.T("Hạn nộp", "Due")}</dt><dd>{r.Due(plan.Due)}</dd>
            <dt>{r.T("Trạng thái bước", "Step status")}</dt><dd id="step-status">{status}</dd>
            <dt>{(SelfReviewSubmitterStep.IsTheMember(r.Caller, member.Id) ? r.T("Bản của bạn", "Yours") : r.T("Bản của đảng viên", "The member's"))}</dt><dd id="my-status">{(versions.Count == 0 ? r.T("Chưa nộp", "Not submitted yet") : r.T("Đã nộp", "Submitted") + $" ({r.T("lần", "version")} {versions.Max(v => v.Version)})")}</dd>
            <dt>{r.T("Tiếp theo", "What happens next")}</dt><dd>{r.T("Chi bộ họp, biểu quyết và đề xuất mức xếp loại; cấp ủy thẩm định và quyết định.", "The cell meets, votes and proposes a level; the committee appraises and decides.")}</dd>
            </dl>
            """);
        if (errors.Count > 0)
        {
            body.Add($"<div class=\"warning\" role=\"alert\" id=\"form-errors\"><p>{r.T("Chưa nộp được; hãy sửa:", "Not submitted; please fix:")}</p><ul>");
            foreach (ValidationError e in errors)
            {
                body.Add($"<li>{r.Message(e)}</li>");
            }

            body.Add($"</ul></div>");
        }

        if (closed is not null && errors.Count == 0)
        {
            // Nothing can be taken now: no form to fill in for nothing; the versions stay readable below.
            body.Add($"<p class=\"warning\" role=\"status\" id=\"closed\">{r.T(closed.MessageVi, closed.MessageEn)}</p>");
            body.Add(await VersionsAsync(r, cycle.CycleId, member.Id));
            return Layout.Render(r, r.T("Bản tự kiểm điểm", "My self-review"), body.ToRaw());
        }

        body.Add($"<form method=\"post\" action=\"{WebUi.Root}/review?cycle={Uri.EscapeDataString(cycle.CycleId)}{OnBehalf(r, member)}\" enctype=\"multipart/form-data\" id=\"review-form\" data-cycle=\"{cycle.CycleId}\" data-member=\"{member.Id}\" data-token-field=\"{RequestKeys.FormField}\">{r.Antiforgery()}<input type=\"hidden\" name=\"form\" value=\"{form.Code}\"><input type=\"hidden\" name=\"{RequestKeys.FormField}\" value=\"{(errors.Count > 0 ? values.GetValueOrDefault(RequestKeys.FormField) : null) ?? RequestKeys.NewFormToken()}\">");
        foreach (FormPart part in form.Parts)
        {
            if (part.Code == "B")
            {
                body.Add(LevelChoice(r, part, values.GetValueOrDefault("selfRating"), errors));
                continue;
            }

            body.Add($"<fieldset><legend>{part.Code}. {r.T(part.TitleVi, part.TitleEn)}</legend>");
            foreach (FormSection section in part.Sections)
            {
                string field = "sections." + section.Code;
                string id = CycleStartPage.Id(field);
                bool remedy = field == RemedyFields.Section;
                body.Add($"""
                    <label for="{id}">{section.Code}. {r.T(section.TitleVi, section.TitleEn)}{(section.Optional && !MarkedOptional(section) ? " " + r.T("(không bắt buộc)", "(optional)") : "")}</label>
                    {(remedy ? RemedyFields.Render(r, carried, values) : Raw.Empty)}
                    <textarea id="{id}" name="{field}" aria-describedby="{id}-error">{(remedy ? RemedySection.Prose(values.GetValueOrDefault(field)) : values.GetValueOrDefault(field, ""))}</textarea>
                    {WebPage.FieldError(r, errors, field, id)}
                    """);
            }

            body.Add($"</fieldset>");
        }

        if (!form.Parts.Any(p => p.Code == "B"))
        {
            body.Add(LevelChoice(r, new FormPart("B", "Tự xếp loại", "Self-rating", []), values.GetValueOrDefault("selfRating"), errors));
        }

        body.Add($"""
            <label for="attachments">{r.T("Tệp đính kèm (bản ký, ảnh chụp; tối đa 5 tệp, mỗi tệp 10 MB)", "Attachments (signed scan, photos; up to 5 files of 10 MB)")}</label>
            <input type="file" id="attachments" name="attachments" multiple accept=".pdf,.jpg,.jpeg,.png" aria-describedby="attachments-error">
            {WebPage.FieldError(r, errors, "attachments", "attachments")}
            <p id="autosave-status" class="muted" aria-live="polite" data-saved="{r.T("Đã tự lưu nháp lúc", "Draft saved automatically at")}"></p>
            <p><button type="submit" name="action" value="draft" class="secondary" id="save-draft">{r.T("Lưu nháp", "Save draft")}</button>
            <button type="submit" name="action" value="submit" id="submit-review">{r.T("Nộp bản kiểm điểm", "Submit the self-review")}</button></p>
            <p id="offline-status" class="notice" role="status" aria-live="polite" data-state=""
               data-saved="{r.T("Đã lưu trên máy", "Saved on this device")}"
               data-waiting="{r.T("Đã lưu trên máy — chưa có mạng, sẽ tự gửi khi có mạng trở lại (tệp đính kèm cần gửi khi có mạng)", "Saved on this device — no connection; it is sent by itself when the connection returns (attachments need a connection)")}"
               data-sending="{r.T("Đang gửi…", "Sending…")}"
               data-sent="{r.T("Đã nộp lúc", "Submitted at")}"></p>
            </form>
            """);
        body.Add(DocumentDownloads.ForMember(r, cycle.CycleId, member.Id));
        body.Add(await VersionsAsync(r, cycle.CycleId, member.Id));
        body.Add(await RecognitionPage.PastYearsAsync(r, member.Id));
        return Layout.Render(r, r.T("Bản tự kiểm điểm", "My self-review"), body.ToRaw(), errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    private static Raw LevelChoice(WebRequest r, FormPart part, string? chosen, IReadOnlyList<ValidationError> errors)
    {
        var html = new Html().Add($"<fieldset aria-describedby=\"selfRating-error\"><legend>{part.Code}. {r.T(part.TitleVi, part.TitleEn)} — {r.T("tự xếp loại", "self-rated level")}</legend>");
        foreach (RatingLevel level in Enum.GetValues<RatingLevel>())
        {
            string id = "level-" + level;
            html.Add(level.ToString() == chosen
                ? Html.Of($"<label for=\"{id}\"><input type=\"radio\" id=\"{id}\" name=\"selfRating\" value=\"{level}\" checked> {r.Level(level)}</label>")
                : Html.Of($"<label for=\"{id}\"><input type=\"radio\" id=\"{id}\" name=\"selfRating\" value=\"{level}\"> {r.Level(level)}</label>"));
        }

        return html.Add(WebPage.FieldError(r, errors, "selfRating", "selfRating")).Add($"</fieldset>").ToRaw();
    }

    private static async Task<IResult> SubmitAsync(WebRequest r)
    {
        var (context, refusal) = await LoadAsync(r);
        if (context is null)
        {
            return refusal!;
        }

        (Member member, CycleSummary cycle, _, FormDefinition form) = context;
        IFormCollection posted = await r.Http.Request.ReadFormAsync(r.Cancellation);
        var values = posted.Keys.Where(k => k.StartsWith("sections.", StringComparison.Ordinal) || k == "selfRating")
            .ToDictionary(k => k, k => posted[k].ToString(), StringComparer.Ordinal);
        int unmarked = RemedyFields.Fold(posted, values);
        string back = $"{WebUi.Root}/review?cycle={Uri.EscapeDataString(cycle.CycleId)}{OnBehalf(r, member)}";
        if (posted["action"] == "draft")
        {
            await DraftBlob(r, cycle.CycleId, member.Id).UploadAsync(BinaryData.FromObjectAsJson(values), overwrite: true, r.Cancellation);
            return Results.Redirect(back + "&draft=1");
        }

        var errors = new List<ValidationError>();
        if (unmarked > 0)
        {
            errors.Add(new ValidationError("Required", RemedyFields.Section, $"Còn {unmarked} hạn chế kỳ trước chưa chọn kết quả khắc phục.", $"{unmarked} of last year's shortcomings have no result chosen."));
        }

        if (!Enum.TryParse(posted["selfRating"].ToString(), out RatingLevel level) || !Enum.IsDefined(level))
        {
            errors.Add(new ValidationError("Required", "selfRating", "Chưa chọn mức tự xếp loại.", "Choose your self-rated level."));
        }

        if (await r.Service<SelfReviewRules>().CheckOpenAsync(cycle.CycleId, cycle.Input, member, r.Cancellation) is { } closed)
        {
            return await ShowAsync(r, values, [closed.ToError()]);
        }

        var uploads = new List<AttachmentUpload>();
        if (posted.Files.Count > MaxAttachments)
        {
            errors.Add(new ValidationError("TooManyFiles", "attachments", $"Tối đa {MaxAttachments} tệp.", $"At most {MaxAttachments} files."));
        }

        foreach (IFormFile file in posted.Files.Where(f => f.Length > 0).Take(MaxAttachments))
        {
            if (file.Length > MaxAttachmentBytes)
            {
                errors.Add(new ValidationError("FileTooLarge", "attachments", $"Tệp {file.FileName} lớn hơn 10 MB.", $"{file.FileName} is larger than 10 MB."));
                continue;
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, r.Cancellation);
            byte[] content = buffer.ToArray();
            (AttachmentKind? kind, SelfReviewRefusal? unsupported) = SelfReviewRules.Inspect(content, uploads.Count + errors.Count(e => e.Field.StartsWith("attachments[", StringComparison.Ordinal)), Path.GetFileName(file.FileName));
            if (unsupported is not null)
            {
                errors.Add(unsupported.ToError() with { Field = "attachments" });
                continue;
            }

            uploads.Add(new AttachmentUpload(AttachmentFileName.Sanitize(file.FileName, kind!), kind!.ContentType, content));
        }

        var sections = values.Where(v => v.Key.StartsWith("sections.", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(v.Value))
            .ToDictionary(v => v.Key["sections.".Length..], v => v.Value.Trim(), StringComparer.Ordinal);
        errors.AddRange(SelfReviewForm.Validate(context.Rules, member, posted["form"].ToString(), sections));
        if (errors.Count > 0)
        {
            return await ShowAsync(r, values, errors);
        }

        SubmitResult result = await r.Service<ReviewCommands>().SubmitSelfReviewAsync(cycle.CycleId, cycle.Input.RuleSetId, member, form.Code, sections, level, uploads, SelfReviewSubmitterStep.SubmittedBy(r.Caller, member.Id), RequestKeys.FromForm(r.Http, values), r.Cancellation);
        if (result.Errors.Count > 0)
        {
            return await ShowAsync(r, values, result.Errors);
        }

        await DraftBlob(r, cycle.CycleId, member.Id).DeleteIfExistsAsync(cancellationToken: r.Cancellation);
        return Results.Redirect($"{back}&submitted={result.Version!.Version}");
    }

    /// <summary>The query part that keeps a secretary on the member they act for; empty for the member themselves.</summary>
    private static string OnBehalf(WebRequest r, Member member)
        => SelfReviewSubmitterStep.IsTheMember(r.Caller, member.Id) ? "" : "&member=" + Uri.EscapeDataString(member.Id);

    private static BlobClient DraftBlob(WebRequest r, string cycleId, string memberId)
        => r.Service<AssessmentStorage>().Attachments.GetBlobClient($"drafts/{NotificationOutbox.Key(cycleId + "|" + memberId)}.json");

    private static async Task<Dictionary<string, string>?> ReadDraftAsync(WebRequest r, string cycleId, string memberId)
    {
        BlobClient blob = DraftBlob(r, cycleId, memberId);
        try
        {
            var content = await blob.DownloadContentAsync(r.Cancellation);
            return content.Value.Content.ToObjectFromJson<Dictionary<string, string>>();
        }
        catch (Azure.RequestFailedException missing) when (missing.Status == 404)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Every version of a member's self-review, newest first.</summary>
    internal static async Task<Raw> VersionsAsync(WebRequest r, string cycleId, string memberId)
    {
        List<SelfReviewVersion> versions = await r.Service<SubmissionStore>().VersionsAsync(cycleId, memberId, r.Cancellation);
        var html = new Html().Add($"<h2>{r.T("Các lần đã nộp", "Submitted versions")}</h2>");
        if (versions.Count == 0)
        {
            return html.Add($"<p class=\"muted\">{r.T("Chưa có.", "None yet.")}</p>").ToRaw();
        }

        // Who submitted, by name: the member, or after a hand-over the secretary for them.
        RosterStore roster = r.Service<RosterStore>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string by in versions.Select(v => v.SubmittedBy).Distinct(StringComparer.Ordinal))
        {
            string unit = by.Contains('@', StringComparison.Ordinal) ? by[(by.IndexOf('@', StringComparison.Ordinal) + 1)..] : by;
            names[by] = (await roster.GetMemberAsync(by, r.Cancellation))?.FullName
                ?? ((await roster.GetUnitAsync(unit, r.Cancellation))?.Name is { } unitName ? r.T("Bí thư chi bộ — ", "Cell secretary — ") + unitName : by);
        }

        html.Add($"<div class=\"table-wrap\"><table id=\"versions\"><thead><tr><th>{r.T("Lần", "Version")}</th><th>{r.T("Lúc", "At")}</th><th>{r.T("Tự xếp loại", "Self-rated")}</th><th>{r.T("Người nộp", "By")}</th><th>{r.T("Tệp", "Files")}</th><th>{r.T("Nội dung", "Content")}</th></tr></thead><tbody>");
        foreach (SelfReviewVersion v in versions.OrderByDescending(v => v.Version))
        {
            html.Add($"<tr><td class=\"num\">{v.Version}</td><td>{r.Time(v.SubmittedAt)}</td><td>{r.Level(v.SelfRating)}</td><td title=\"{v.SubmittedBy}\">{names[v.SubmittedBy]}</td><td>");
            foreach (StoredAttachment a in v.Attachments)
            {
                html.Add($"<div>{a.FileName} ({a.Size:N0} B, SHA-256 <code title=\"{a.Sha256}\">{a.Sha256[..12]}…</code>)</div>");
            }

            html.Add($"</td><td><details><summary>{v.Form}</summary>");
            foreach (var (code, text) in v.Sections.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                html.Add($"<p><strong>{code}</strong>: {text}</p>");
            }

            html.Add($"</details></td></tr>");
        }

        return html.Add($"</tbody></table></div>").ToRaw();
    }

    /// <summary>The form's fields as a submitted version filled them in.</summary>
    private static Dictionary<string, string> FromVersion(SelfReviewVersion? version)
    {
        if (version is null)
        {
            return [];
        }

        Dictionary<string, string> values = version.Sections.ToDictionary(s => "sections." + s.Key, s => s.Value, StringComparer.Ordinal);
        values["selfRating"] = version.SelfRating.ToString();
        return values;
    }

    /// <summary>A section whose title already says it may be left empty ("nếu có", "if any") needs no second mark.</summary>
    private static bool MarkedOptional(FormSection section)
        => section.TitleVi.Contains("nếu có", StringComparison.OrdinalIgnoreCase) || section.TitleEn.Contains("if any", StringComparison.OrdinalIgnoreCase);
}
