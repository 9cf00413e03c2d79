using AnnualReview.Workflows;
using System.Text.Json;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;
using Microsoft.DurableTask;
using AnnualReview.Functions.Api.Attachments;
using AnnualReview.Functions.Problems;
using AnnualReview.Workflows.Commands;
using Microsoft.AspNetCore.Http.Features;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>A self-review as read from its multipart form, every part checked, nothing stored yet.</summary>
public sealed record SelfReviewUpload(string? Form, IReadOnlyDictionary<string, string> Sections, RatingLevel SelfRating, IReadOnlyList<AttachmentUpload> Attachments)
{
    public const int MaxAttachments = 5;

    /// <summary>Every file at its limit plus the form's text.</summary>
    public const long MaxRequestBytes = (MaxAttachments * AttachmentInspector.MaxBytes) + (1024 * 1024);

    /// <summary>
    /// A version is one table row (64 KiB, UTF-16, with non-ASCII letters escaped in JSON), so the sections'
    /// JSON is bounded well below it.
    /// </summary>
    public const int MaxSectionsJsonChars = 24_000;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "form", "selfRating", "sections", "attachments" };

    private static readonly FormOptions Limits = new()
    {
        // A little above the body limit, so an oversized body is refused by the server's limit as 413 first.
        MultipartBodyLengthLimit = MaxRequestBytes + (64 * 1024),
        ValueCountLimit = 64,
        KeyLengthLimit = 200,
        ValueLengthLimit = 256 * 1024,
    };

    /// <summary>Reads and checks the whole form. Attachments are refused by size (413) before type (415) before the rest (400).</summary>
    public static async Task<(SelfReviewUpload? Upload, IResult? Refusal)> ReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.HasFormContentType)
        {
            return (null, ApiProblem.Result(context, ProblemKind.MalformedBody, "body", "Cần gửi dạng multipart/form-data.", "Send multipart/form-data."));
        }

        IFormCollection form;
        try
        {
            context.Features.Set<IFormFeature>(new FormFeature(context.Request, Limits));
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(context, "body"));
        }
        catch (InvalidDataException unreadable)
        {
            // Form limits (value count, value or body length) end up here too.
            return (null, ApiProblem.Result(context, ProblemKind.MalformedBody, "body", unreadable.Message, unreadable.Message));
        }

        (List<AttachmentUpload>? attachments, IResult? refusal) = await ReadAttachmentsAsync(context, form.Files);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        var errors = new List<ValidationError>();
        Dictionary<string, string> sections = ReadSections(form, errors);
        RatingLevel selfRating = ReadLevel(form["selfRating"], "selfRating", errors);
        if (errors.Count > 0)
        {
            return (null, ApiProblem.Validation(context, errors));
        }

        string? formCode = form["form"].ToString() is { Length: > 0 } code ? code.Trim() : null;
        return (new SelfReviewUpload(formCode, sections, selfRating, attachments!), null);
    }

    public static IResult TooLarge(HttpContext context, string field)
        => ApiProblem.Result(context, ProblemKind.PayloadTooLarge, field,
            $"Mỗi tệp đính kèm tối đa {AttachmentInspector.MaxBytes / (1024 * 1024)} MB, tối đa {MaxAttachments} tệp.",
            $"Each attachment may be at most {AttachmentInspector.MaxBytes / (1024 * 1024)} MB, at most {MaxAttachments} files.");

    /// <summary>A level by its name (Excellent, Good, Completed, NotCompleted); numbers are not names.</summary>
    public static RatingLevel ReadLevel(string? text, string field, List<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (TryLevel(text, out RatingLevel level))
        {
            return level;
        }

        errors.Add(new ValidationError("InvalidLevel", field,
            "Mức xếp loại phải là Excellent, Good, Completed hoặc NotCompleted.", "The level must be Excellent, Good, Completed or NotCompleted."));
        return default;
    }

    public static bool TryLevel(string? text, out RatingLevel level)
    {
        level = default;
        return text is { Length: > 0 } && char.IsAsciiLetter(text.Trim()[0]) && Enum.TryParse(text.Trim(), ignoreCase: true, out level) && Enum.IsDefined(level);
    }

    private static async Task<(List<AttachmentUpload>?, IResult?)> ReadAttachmentsAsync(HttpContext context, IFormFileCollection files)
    {
        if (files.Count > MaxAttachments)
        {
            return (null, TooLarge(context, "attachments"));
        }

        for (int i = 0; i < files.Count; i++)
        {
            if (files[i].Length > AttachmentInspector.MaxBytes)
            {
                return (null, TooLarge(context, $"attachments[{i}]"));
            }
        }

        var uploads = new List<AttachmentUpload>(files.Count);
        for (int i = 0; i < files.Count; i++)
        {
            IFormFile file = files[i];
            byte[] content = new byte[file.Length];
            await using (Stream stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(content, context.RequestAborted);
            }

            (AttachmentKind? kind, SelfReviewRefusal? refusal) = SelfReviewRules.Inspect(content, i, Path.GetFileName(file.FileName));
            if (refusal is not null)
            {
                return (null, refusal.ToProblem(context));
            }

            uploads.Add(new AttachmentUpload(AttachmentFileName.Sanitize(file.FileName, kind!), kind!.ContentType, content));
        }

        return (uploads, null);
    }

    /// <summary>Sections from a <c>sections</c> JSON object and from one field per section (<c>A.I</c>, <c>sections[A.I]</c> or <c>sections.A.I</c>).</summary>
    private static Dictionary<string, string> ReadSections(IFormCollection form, List<ValidationError> errors)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        if (form["sections"].ToString() is { Length: > 0 } json)
        {
            try
            {
                foreach (var (code, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [])
                {
                    sections[code.Trim()] = text ?? "";
                }
            }
            catch (JsonException)
            {
                errors.Add(new ValidationError("MalformedSections", "sections",
                    "Trường sections phải là một đối tượng JSON: mã mục → nội dung.", "The sections field must be a JSON object: section code → text."));
            }
        }

        foreach (var (key, value) in form.Where(f => !Reserved.Contains(f.Key)))
        {
            string code = key.StartsWith("sections[", StringComparison.Ordinal) && key.EndsWith(']') ? key[9..^1]
                : key.StartsWith("sections.", StringComparison.Ordinal) ? key[9..]
                : key;
            sections[code.Trim()] = value.ToString();
        }

        if (JsonSerializer.Serialize(sections, WorkflowJson.Options).Length > MaxSectionsJsonChars)
        {
            errors.Add(new ValidationError("SectionsTooLong", "sections",
                "Nội dung bản kiểm điểm quá dài; hãy rút gọn hoặc đưa phần chi tiết vào tệp đính kèm.",
                "The self-review text is too long; shorten it or put the details in an attachment."));
        }

        return sections;
    }
}
