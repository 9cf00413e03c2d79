using AnnualReview.Assessment.Shortcomings;

namespace AnnualReview.Assessment.Tests.Shortcomings;

public class RemedyTallyTests
{
    private static readonly Shortcoming[] Carried =
    [
        new("Báo cáo còn chậm", ShortcomingSource.SelfReview),
        new("Ít phát biểu", ShortcomingSource.SelfReview),
        new("Chưa gương mẫu", ShortcomingSource.SuperiorConclusion),
    ];

    [Fact]
    public void Of_MarksMatchedByText_UnmarkedCountsNotFixedAndStrayLinesNothing()
    {
        RemedyTally tally = RemedyTally.Of(Carried,
        [
            new ShortcomingFix("báo cáo còn chậm.", FixState.Fixed, "Nộp đúng hạn"),
            new ShortcomingFix("Ít phát biểu", FixState.PartlyFixed, ""),
            new ShortcomingFix("Không có trong danh sách", FixState.Fixed, ""),
        ]);

        Assert.Equal(new RemedyTally(1, 1, 1), tally);
        Assert.Equal(3, tally.Total);
        Assert.Equal(0.5m, tally.Share(0.5m));
    }

    [Fact]
    public void Share_NothingCarried_IsWhole()
    {
        Assert.Equal(1m, RemedyTally.Of([], []).Share(0.5m));
    }

    [Fact]
    public void Share_AllFixed_IsWholeSoExcellentStaysOpen()
    {
        RemedyTally tally = RemedyTally.Of(Carried, [.. Carried.Select(c => new ShortcomingFix(c.Text, FixState.Fixed, "x"))]);

        Assert.Equal((3, 1m), (tally.Fixed, tally.Share(0.5m)));
    }

    [Fact]
    public void Add_SumsEachState()
    {
        Assert.Equal(new RemedyTally(3, 1, 5), new RemedyTally(1, 0, 2) + new RemedyTally(2, 1, 3));
    }
}
