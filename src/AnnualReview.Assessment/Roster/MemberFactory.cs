using System.Globalization;
using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

/// <summary>
/// Draws generated members with the shares a real city shows, so that every rating path (not rated, sick leave,
/// forms 02A/02B/02C) is exercised by generated data. Shares are probabilities, not exact counts.
/// </summary>
internal sealed class MemberFactory(Random random, DateOnly asOf)
{
    private const double Probationary = 0.08;
    private const double Exempt = 0.02;
    private const double Suspended = 0.005;
    private const double LongSick = 0.02;
    private const double Maternity = 0.01;
    private const double Leadership = 0.12;
    private const double OutsideSystem = 0.15;
    private const double Female = 0.45;

    /// <summary>The probationary period is 12 months; full members were admitted more than that ago (up to 45 years).</summary>
    private const int FullMinDays = 400;
    private const int FullMaxDays = 45 * 365;
    private const int ProbationaryMaxDays = 730;

    private int number;

    public Member Next(string cellId)
    {
        number++;
        var probationary = random.NextDouble() < Probationary;
        var admittedOn = asOf.AddDays(-(probationary ? random.Next(0, ProbationaryMaxDays) : random.Next(FullMinDays, FullMaxDays)));

        var standingDraw = random.NextDouble();
        var standing = standingDraw < Exempt ? MemberStanding.Exempt
            : standingDraw < Exempt + Suspended ? MemberStanding.Suspended
            : MemberStanding.Active;

        var leaveDraw = random.NextDouble();
        var (leave, months) = leaveDraw < LongSick ? (LeaveKind.LongSick, random.Next(3, 13))
            : leaveDraw < LongSick + Maternity ? (LeaveKind.Maternity, 6)
            : (LeaveKind.None, 0);

        // Maternity leave implies a woman; otherwise draw.
        var female = leave == LeaveKind.Maternity || random.NextDouble() < Female;

        // A leadership post means working inside the political system, so the two are drawn as one choice.
        var roleDraw = random.NextDouble();
        var post = roleDraw < Leadership ? VietnameseNames.Pick(random, VietnameseNames.LeadershipPosts) : null;
        var outside = roleDraw >= Leadership && roleDraw < Leadership + OutsideSystem;

        var digits = number.ToString("D6", CultureInfo.InvariantCulture);
        return new Member(
            "m-" + digits,
            VietnameseNames.FullName(random, female),
            cellId,
            probationary ? MembershipKind.Probationary : MembershipKind.Full,
            admittedOn)
        {
            Standing = standing,
            Leave = leave,
            LeaveMonths = months,
            LeadershipPost = post,
            OutsidePoliticalSystem = outside,
            Email = $"m{digits}@example.vn",
            Phone = string.Create(CultureInfo.InvariantCulture, $"09{random.Next(0, 100_000_000):D8}"),
        };
    }
}
