using AnnualReview.Assessment.Model;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Functions.Web;

/// <summary>The domain's words for stages, steps and unit kinds, in the reader's language.</summary>
public static class Labels
{
    public static string Stage(WebRequest r, MemberStage stage)
    {
        ArgumentNullException.ThrowIfNull(r);
        return stage switch
        {
            MemberStage.NotStarted => r.T("Chưa nộp", "Not started"),
            MemberStage.Submitted => r.T("Đã nộp", "Submitted"),
            MemberStage.NotSubmitted => r.T("Không nộp (đã khóa)", "Not submitted (closed)"),
            MemberStage.Proposed => r.T("Chi bộ đã đề xuất", "Proposed by the cell"),
            MemberStage.Decided => r.T("Đã quyết định", "Decided"),
            _ => r.T("Không xếp loại", "Not rated"),
        };
    }

    public static string StageClass(MemberStage stage) => stage switch
    {
        MemberStage.NotStarted => "st-none",
        MemberStage.NotSubmitted => "st-late",
        MemberStage.Submitted or MemberStage.Proposed => "st-progress",
        _ => "st-done",
    };

    public static string UnitStage(WebRequest r, string? stage)
    {
        ArgumentNullException.ThrowIfNull(r);
        return stage switch
        {
            "self-review" => r.T("Đang tự kiểm điểm", "Self-reviews"),
            "meeting" => r.T("Họp chi bộ", "Cell meeting"),
            "proposed" => r.T("Chi bộ đã đề xuất", "Proposed"),
            "appraisal" => r.T("Đang thẩm định", "Appraisal"),
            "decided" => r.T("Đã quyết định", "Decided"),
            "closed" => r.T("Đã khóa", "Closed"),
            "" => r.T("Đang diễn ra ở cấp dưới", "Under way below"),
            null => r.T("Chưa bắt đầu", "Not started"),
            _ => r.T("Đang diễn ra", "In progress"),
        };
    }

    public static string Step(WebRequest r, string step)
    {
        ArgumentNullException.ThrowIfNull(r);
        return step switch
        {
            "SelfReview" => r.T("Tự kiểm điểm", "Self-review"),
            "CellMeeting" => r.T("Họp chi bộ", "Cell meeting"),
            "GrassrootsDecision" => r.T("Tổ chức cơ sở quyết định", "Grassroots decision"),
            "CommitteeDecision" => r.T("Cấp ủy quyết định", "Committee decision"),
            "BoardReport" => r.T("Báo cáo Ban tổ chức", "Report to the board"),
            _ => step,
        };
    }

    public static string Kind(WebRequest r, UnitKind kind)
    {
        ArgumentNullException.ThrowIfNull(r);
        return kind switch
        {
            UnitKind.OrganizationBoard => r.T("Đảng bộ (Ban tổ chức)", "Organization board"),
            UnitKind.Committee => r.T("Cấp ủy cấp trên cơ sở", "Committee"),
            UnitKind.GrassrootsOrganization => r.T("Tổ chức cơ sở đảng", "Grassroots organization"),
            _ => r.T("Chi bộ", "Cell"),
        };
    }

    public static string Status(WebRequest r, Microsoft.DurableTask.Client.OrchestrationRuntimeStatus status)
    {
        ArgumentNullException.ThrowIfNull(r);
        return status switch
        {
            Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Running => r.T("Đang chạy", "Running"),
            Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed => r.T("Đã xong", "Completed"),
            Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Failed => r.T("Lỗi", "Failed"),
            Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Terminated => r.T("Đã dừng", "Terminated"),
            Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Pending => r.T("Đang chờ", "Pending"),
            Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Suspended => r.T("Tạm dừng", "Suspended"),
            // The engine's older statuses, never shown by their English names.
            _ => status.ToString() switch
            {
                "ContinuedAsNew" => r.T("Đang chạy", "Running"),
                "Canceled" => r.T("Đã hủy", "Canceled"),
                _ => r.T("Không rõ", "Unknown"),
            },
        };
    }

    /// <summary>A cycle as people name it: the year and the unit it covers (its id stays in a tooltip).</summary>
    public static string Cycle(WebRequest r, int year, string? rootUnitName)
    {
        ArgumentNullException.ThrowIfNull(r);
        return $"{r.T("Kiểm điểm, đánh giá năm", "Annual review")} {year}" + (rootUnitName is { Length: > 0 } ? " — " + rootUnitName : "");
    }

    /// <summary>A rule set by its title, not its id.</summary>
    public static string RuleSet(WebRequest r, string ruleSetId)
    {
        ArgumentNullException.ThrowIfNull(r);
        AnnualReview.Assessment.Rules.RuleSet? rules = AnnualReview.Assessment.Rules.RuleSetLoader.AvailableIds.Contains(ruleSetId) ? AnnualReview.Workflows.Rules.CycleRules.For(ruleSetId).RuleSet : null;
        return rules is null ? ruleSetId : r.T(rules.TitleVi, rules.TitleEn);
    }
}
