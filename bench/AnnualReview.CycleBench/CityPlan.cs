using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Rules;

namespace AnnualReview.CycleBench;

/// <summary>What a simulated member does about the self-review.</summary>
internal enum Fate
{
    OnTime,
    Late,
    Never,

    /// <summary>Exempt, suspended, admitted this year…: the rule set does not rate them; they do nothing.</summary>
    NotRated,
}

/// <summary>One member as the simulation sees them: how the rule set treats them and what they will do.</summary>
internal sealed record Person(Member Member, string GrassrootsId, Eligibility Eligibility, string QuotaGroup, Fate Fate, RatingLevel Intended);

internal sealed record Cell(Unit Unit, IReadOnlyList<Person> People)
{
    /// <summary>The full members a meeting may convene: neither exempt from nor suspended in party activities.</summary>
    public int FullMembers => People.Count(p => p.Member.Membership == MembershipKind.Full && p.Member.Standing is not (MemberStanding.Exempt or MemberStanding.Suspended));
}

internal sealed record Grassroots(Unit Unit, IReadOnlyList<Cell> Cells);

internal sealed record Committee(Unit Unit, IReadOnlyList<Unit> Children);

/// <summary>
/// A generated city and the plan of its simulated people: 90% of rated members submit on time, 7% late and 3%
/// never; the cell's vote intends about 10% Excellent, 75% Good, 12% Completed and 3% not completed. The same seed
/// gives the same city and the same plan.
/// </summary>
internal sealed class CityPlan
{
    private CityPlan(RosterSnapshot roster, List<Cell> cells, List<Grassroots> grassroots, List<Committee> committees, Unit root)
    {
        Roster = roster;
        Cells = cells;
        GrassrootsOrganizations = grassroots;
        Committees = committees;
        Root = root;
    }

    public const string RuleSetId = "QD366-2025";
    public const int Year = 2025;

    public RosterSnapshot Roster { get; }

    public IReadOnlyList<Cell> Cells { get; }

    public IReadOnlyList<Grassroots> GrassrootsOrganizations { get; }

    /// <summary>Every unit that rates the organizations below it, the organization board (root) last.</summary>
    public IReadOnlyList<Committee> Committees { get; }

    public Unit Root { get; }

    public IEnumerable<Person> People => Cells.SelectMany(c => c.People);

    public static CityPlan Generate(int members, int seed)
    {
        RosterSnapshot roster = RosterGenerator.City(seed, members);
        var rules = CycleRules.For(RuleSetId);
        var random = new Random(seed + 1);
        var membersByCell = roster.Members.GroupBy(m => m.CellId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var cells = new List<Cell>();
        foreach (Unit unit in roster.Units.Where(u => u.Kind == UnitKind.Cell))
        {
            string grassroots = unit.ParentId!;
            var people = membersByCell.GetValueOrDefault(unit.Id, [])
                .OrderBy(m => m.Id, StringComparer.Ordinal)
                .Select(m =>
                {
                    Eligibility eligibility = rules.EligibilityOf(m, new DateOnly(Year, 12, 31));
                    return new Person(m, grassroots, eligibility, rules.QuotaGroupOf(m, grassroots), FateOf(random, eligibility), IntendedLevel(random));
                })
                .ToList();
            cells.Add(new Cell(unit, people));
        }

        var cellsByParent = cells.GroupBy(c => c.Unit.ParentId!).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var grassrootsList = roster.Units.Where(u => u.Kind == UnitKind.GrassrootsOrganization)
            .Select(u => new Grassroots(u, cellsByParent.GetValueOrDefault(u.Id, [])))
            .ToList();
        Unit root = roster.Units.Single(u => u.ParentId is null);
        var childrenByParent = roster.Units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!, StringComparer.Ordinal);
        var committees = roster.Units.Where(u => u.Kind == UnitKind.Committee)
            .Append(root)
            .Select(u => new Committee(u, [.. childrenByParent[u.Id].Where(c => c.Kind is UnitKind.Committee or UnitKind.GrassrootsOrganization)]))
            .ToList();
        return new CityPlan(roster, cells, grassrootsList, committees, root);
    }

    private static Fate FateOf(Random random, Eligibility eligibility)
    {
        if (!eligibility.Rated)
        {
            return Fate.NotRated;
        }

        double draw = random.NextDouble();
        return draw < 0.90 ? Fate.OnTime : draw < 0.97 ? Fate.Late : Fate.Never;
    }

    private static RatingLevel IntendedLevel(Random random)
    {
        double draw = random.NextDouble();
        return draw < 0.10 ? RatingLevel.Excellent
            : draw < 0.85 ? RatingLevel.Good
            : draw < 0.97 ? RatingLevel.Completed
            : RatingLevel.NotCompleted;
    }
}
