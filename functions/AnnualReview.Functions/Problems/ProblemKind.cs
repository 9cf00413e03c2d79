namespace AnnualReview.Functions.Problems;

/// <summary>
/// One kind of error the API reports, with its stable <c>type</c> URI and a title in both languages.
/// Clients branch on <see cref="Type"/>; people read the title.
/// </summary>
public sealed record ProblemKind(string Slug, int Status, string TitleVi, string TitleEn)
{
    public const string TypeBase = "https://annualreview.vn/problems/";

    public string Type => TypeBase + Slug;

    public static readonly ProblemKind Validation = new("validation", 400, "Dữ liệu không hợp lệ", "The request is not valid");
    public static readonly ProblemKind MalformedBody = new("malformed-body", 400, "Nội dung yêu cầu không đọc được", "The request body could not be read");
    public static readonly ProblemKind Unauthenticated = new("unauthenticated", 401, "Cần đăng nhập", "Sign-in is required");
    public static readonly ProblemKind Forbidden = new("forbidden", 403, "Vai trò của bạn không được làm việc này", "Your role may not do this");
    public static readonly ProblemKind OutOfScope = new("out-of-scope", 403, "Đơn vị này nằm ngoài phạm vi của bạn", "This unit is outside your part of the tree");
    public static readonly ProblemKind NotFound = new("not-found", 404, "Không tìm thấy", "Not found");
    public static readonly ProblemKind Conflict = new("conflict", 409, "Yêu cầu xung đột với trạng thái hiện tại", "The request conflicts with the current state");
    public static readonly ProblemKind StepClosed = new("step-closed", 409, "Bước này đã đóng", "This step is closed");
    public static readonly ProblemKind IdempotencyKeyReused = new("idempotency-key-reused", 422, "Idempotency-Key đã được dùng cho một yêu cầu khác", "The Idempotency-Key was already used for a different request");
    public static readonly ProblemKind IdempotencyInProgress = new("idempotency-in-progress", 409, "Yêu cầu với Idempotency-Key này đang được xử lý", "A request with this Idempotency-Key is still being processed");
    public static readonly ProblemKind PayloadTooLarge = new("payload-too-large", 413, "Dữ liệu gửi lên quá lớn", "The request is too large");
    public static readonly ProblemKind UnsupportedAttachment = new("unsupported-attachment", 415, "Tệp đính kèm không thuộc loại được phép (PDF, DOCX, JPEG, PNG)", "The attachment is not an allowed type (PDF, DOCX, JPEG, PNG)");
    public static readonly ProblemKind Gone = new("gone", 410, "Tiến trình đã kết thúc", "The instance has already ended");
    public static readonly ProblemKind UnsupportedContentType = new("unsupported-content-type", 415, "Kiểu nội dung không được hỗ trợ", "The content type is not supported");
    public static readonly ProblemKind UnknownUnit = new("unknown-unit", 404, "Không có đơn vị này", "There is no such unit");
    public static readonly ProblemKind ReportNotReady = new("report-not-ready", 404, "Báo cáo chưa được lập", "The report has not been written yet");
}
