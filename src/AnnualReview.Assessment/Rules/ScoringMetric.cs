namespace AnnualReview.Assessment.Rules;

/// <summary>The task measures a level band may require. Every measure is a share between 0 and 1.</summary>
public enum ScoringMetric
{
    /// <summary>Tỷ lệ nhiệm vụ hoàn thành đúng tiến độ.</summary>
    TasksOnTimeShare,

    /// <summary>Tỷ lệ nhiệm vụ vượt yêu cầu.</summary>
    TasksExceedingShare,

    /// <summary>Tỷ lệ hạn chế, khuyết điểm kỳ trước đã khắc phục.</summary>
    ShortcomingsFixedShare,

    /// <summary>Tỷ lệ nhiệm vụ chậm tiến độ: taken as 1 − the on-time share.</summary>
    TasksBehindScheduleShare,
}
