using AnnualReview.Workflows.Contracts;
using static AnnualReview.Functions.Notifications.Texts.NotificationRenderer;

namespace AnnualReview.Functions.Notifications.Texts;

/// <summary>The Vietnamese texts (the default), written as the party's own notices are: "Kính gửi đồng chí".</summary>
internal static class VietnameseTexts
{
    private const string Greeting = "Kính gửi đồng chí,";
    private const string SignIn = "Đồng chí vui lòng đăng nhập hệ thống kiểm điểm, đánh giá, xếp loại chất lượng để thực hiện.";
    private const string Signature = "Hệ thống kiểm điểm, đánh giá, xếp loại chất lượng hằng năm";

    public static readonly IReadOnlyDictionary<string, Func<TemplateData, RenderedNotification>> All =
        new Dictionary<string, Func<TemplateData, RenderedNotification>>(StringComparer.Ordinal)
        {
            [Templates.Reminder] = d => new(
                $"Nhắc việc: {d.Step} — hạn {d.Date("due")}",
                Paragraphs(
                    Greeting,
                    $"Bước {d.Step} của {d.Unit} cần hoàn thành trước {d.Date("due")}" + (d.Has("daysBefore") ? $" (còn {d["daysBefore"]} ngày)." : "."),
                    SignIn,
                    Signature)),
            [Templates.Overdue] = d => new(
                $"Quá hạn: {d.Step}",
                Paragraphs(
                    Greeting,
                    $"Bước {d.Step} của {d.Unit} đã quá hạn {d.Date("due")} mà chưa hoàn thành. Việc chậm trễ đã được ghi nhận; nếu tiếp tục chậm, hệ thống sẽ báo cáo cấp trên.",
                    SignIn,
                    Signature)),
            [Templates.Escalation] = d => new(
                $"Báo cáo chậm trễ: {d.Unit} — {d.Step}",
                Paragraphs(
                    Greeting,
                    $"{d.Unit} chưa hoàn thành bước {d.Step} (hạn {d.Date("due")})" + (d.Has("rung") ? $"; đây là báo cáo lần {d["rung"]}." : "."),
                    d.Has("pending") ? $"Số chưa hoàn thành: {d["pending"]}." + (d.Has("missing") ? $" Gồm: {d["missing"]}." : "") : null,
                    d.Flag("handsOver")
                        ? "Theo quy định, cấp trên có thể tiếp nhận và trực tiếp thực hiện bước này."
                        : "Đề nghị đồng chí đôn đốc hoàn thành.",
                    Signature)),
            [Templates.ClosedNotSubmitted] = d => new(
                $"Đã kết thúc bước {d.Step}: ghi nhận chưa nộp",
                Paragraphs(
                    Greeting,
                    $"Bước {d.Step} của {d.Unit} (hạn {d.Date("due")}) đã kết thúc. Phần việc của đồng chí được ghi nhận là chưa nộp; tập thể sẽ xem xét, xếp loại theo quy định.",
                    Signature)),
            [Templates.MeetingCanBeHeld] = d => new(
                $"{d.Unit}: có thể tổ chức họp chi bộ kiểm điểm",
                Paragraphs(
                    Greeting,
                    $"Việc tự kiểm điểm của đảng viên {d.Unit} đã xong. Chi bộ có thể tổ chức họp kiểm điểm, đề xuất xếp loại" + (d.Has("due") ? $" trước {d.Date("due")}." : "."),
                    d.Has("missing") ? $"Đảng viên chưa nộp bản tự kiểm điểm: {d["missing"]}." : null,
                    Signature)),
            [Templates.AppraisalRefused] = d => new(
                $"{d.Unit}: đề xuất xếp loại bị trả lại",
                Paragraphs(
                    Greeting,
                    $"Cấp trên đã trả lại đề xuất xếp loại của {d.Unit}." + (d.Has("reason") ? $" Lý do: {d["reason"]}." : ""),
                    "Đề nghị xem xét, hoàn thiện và gửi lại.",
                    Signature)),
            [Templates.MeetingRefused] = d => new(
                $"{d.Unit}: kết quả họp chi bộ bị trả lại",
                Paragraphs(
                    Greeting,
                    $"Kết quả họp kiểm điểm của {d.Unit} chưa được chấp nhận." + (d.Has("reason") ? $" Lý do: {d["reason"]}." : ""),
                    "Đề nghị chi bộ hoàn thiện biên bản, kết quả biểu quyết và gửi lại.",
                    Signature)),
            [Templates.DeputyAssigned] = d => new(
                $"{d.Unit}: đồng chí được giao ghi biên bản họp chi bộ",
                Paragraphs(
                    Greeting,
                    $"Cuộc họp kiểm điểm của {d.Unit} đã quá hạn. Cấp ủy cấp trên giao đồng chí thay bí thư chủ trì, nộp báo cáo kiểm điểm tập thể và ghi biên bản họp, kết quả biểu quyết" + (d.Has("due") ? $" (hạn họp {d.Date("due")})." : "."),
                    "Những gì đảng viên đã nộp vẫn được giữ nguyên.",
                    Signature)),
            [Templates.FinalLevel] = d => new(
                $"Kết quả xếp loại chất lượng năm {d["year"]}",
                Paragraphs(
                    Greeting,
                    $"Đồng chí được xếp loại chất lượng năm {d["year"]}: {d.Level()}.",
                    d.Has("cancelled") ? $"Kết quả xếp loại trước đây ({d.Level("cancelled")}) đã được hủy." + (d.Has("reason") ? $" Lý do: {d["reason"]}." : "") : null,
                    d.Awards("awards").Count > 0 ? $"Khen thưởng: {string.Join("; ", d.Awards("awards"))}." : null,
                    d.Flags().Count > 0 ? $"Lưu ý: {string.Join("; ", d.Flags())}." : null,
                    d.Flag("followUp") ? "Chi bộ sẽ phân công đảng viên giúp đỡ đồng chí khắc phục hạn chế trong năm tới." : null,
                    Signature)),
            [Templates.Award] = d => new(
                $"Khen thưởng năm {d["year"]}",
                Paragraphs(
                    Greeting,
                    $"Chúc mừng đồng chí được xếp loại {d.Level()} năm {d["year"]} và được khen thưởng: {string.Join("; ", d.Awards("awards"))}.",
                    Signature)),
            [Templates.FollowUp] = d => new(
                $"Kế hoạch giúp đỡ, khắc phục hạn chế" + (d.Has("year") ? $" năm {d["year"]}" : ""),
                Paragraphs(
                    Greeting,
                    "Chi bộ đã lập kế hoạch giúp đỡ đồng chí khắc phục hạn chế, khuyết điểm" + (d.Has("level") ? $" sau kết quả xếp loại {d.Level()}." : "."),
                    d.Has("due") ? $"Hạn hoàn thành: {d.Date("due")}." : null,
                    d.Has("note") ? d["note"] : null,
                    Signature)),
            [Templates.AwardRevoked] = d => new(
                $"Điều chỉnh kết quả xếp loại năm {d["year"]}",
                Paragraphs(
                    Greeting,
                    $"Kết quả xếp loại năm {d["year"]} của đồng chí đã được xem xét lại" + (d.Has("cancelled") ? $": mức {d.Level("cancelled")} bị hủy" : "") + $"; mức mới: {d.Level()}.",
                    d.Has("reason") ? $"Lý do: {d["reason"]}." : null,
                    d.Has("revoked") ? $"Các hình thức khen thưởng bị thu hồi: {string.Join("; ", d.Awards("revoked"))}." : null,
                    Signature)),
        };

    public static RenderedNotification General(TemplateData d) => new(
        "Thông báo từ hệ thống kiểm điểm, đánh giá, xếp loại",
        Paragraphs(Greeting, "Đồng chí có một thông báo mới" + (d.Unit.Length > 0 ? $" liên quan đến {d.Unit}." : "."), SignIn, Signature));
}
