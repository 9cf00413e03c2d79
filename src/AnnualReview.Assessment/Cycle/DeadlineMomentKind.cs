namespace AnnualReview.Assessment.Cycle;

/// <summary>What happens at a moment of a step's deadline plan.</summary>
public enum DeadlineMomentKind
{
    /// <summary>Nhắc hạn: tell the owner the step is due soon.</summary>
    Reminder,

    /// <summary>Hết hạn: the step is late from here.</summary>
    Due,

    /// <summary>Báo cáo cấp trên: tell (and possibly hand over to) a higher level.</summary>
    Escalation,

    /// <summary>Kết thúc đợt: the step closes as "not submitted".</summary>
    HardStop,
}
