namespace AnnualReview.Assessment.Cycle;

/// <summary>The steps of a cycle that carry a due date, in the order they must fall.</summary>
public enum CycleStep
{
    /// <summary>Đảng viên tự kiểm điểm, tự xếp loại.</summary>
    SelfReview,

    /// <summary>Chi bộ họp, thảo luận, biểu quyết đề xuất mức xếp loại.</summary>
    CellMeeting,

    /// <summary>Tổ chức cơ sở đảng quyết định xếp loại đảng viên.</summary>
    GrassrootsDecision,

    /// <summary>Cấp ủy cấp trên quyết định xếp loại tổ chức đảng; the review closes.</summary>
    CommitteeDecision,

    /// <summary>Báo cáo kết quả lên cấp trên (Ban Tổ chức), e.g. before 1 February on Mẫu 04.</summary>
    BoardReport,
}
