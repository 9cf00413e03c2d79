using System.Globalization;
using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

/// <summary>
/// Generates realistic rosters for tests, demos and load runs (danh sách giả lập). The same seed and arguments
/// always give the same roster, ids included, so a failing test or benchmark can be reproduced exactly.
/// </summary>
/// <remarks>
/// A grassroots cell (chi bộ cơ sở) is modelled as a <see cref="UnitKind.GrassrootsOrganization"/> holding
/// exactly one <see cref="UnitKind.Cell"/>: members always belong to a cell, so every query and workflow has one
/// shape; the decision rule "a grassroots cell decides for itself" is then "the grassroots organization decides".
/// </remarks>
public static partial class RosterGenerator
{
    /// <summary>The date generated rosters are "as of" unless told otherwise: mid-November, when cycles start.</summary>
    public static readonly DateOnly DefaultAsOf = new(2025, 11, 15);

    private const int MinCell = 10;
    private const int MaxCell = 30;
    private const int ModeCell = 14; // with 10 and 30 gives a triangular distribution averaging 18
    private const double GrassrootsCellShare = 0.3;
    private const int MaxCellsPerGrassroots = 12;

    /// <summary>
    /// A city: an organization board at the root, <paramref name="committees"/> committees under it, grassroots
    /// organizations under each, cells of 10–30 members (about 18 on average) and exactly
    /// <paramref name="totalMembers"/> members.
    /// </summary>
    /// <param name="seed">Decides everything; same seed, same roster.</param>
    /// <param name="totalMembers">Members to generate.</param>
    /// <param name="committees">Directly subordinate committees (17 by default).</param>
    /// <param name="asOf">The date admissions are counted back from; <see cref="DefaultAsOf"/> when null.</param>
    public static RosterSnapshot City(int seed, int totalMembers, int committees = 17, DateOnly? asOf = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalMembers);
        ArgumentOutOfRangeException.ThrowIfLessThan(committees, 1);
        var random = new Random(seed);
        var cellSizes = CellSizes(random, totalMembers);
        var units = new List<Unit>(cellSizes.Count * 3 / 2 + committees + 1);
        var members = new List<Member>(totalMembers);
        var root = new Unit("u-root", "Ban Tổ chức Thành ủy", UnitKind.OrganizationBoard, null) { Email = "bantochuc@example.vn" };
        units.Add(root);
        var memberFactory = new MemberFactory(random, asOf ?? DefaultAsOf);

        var boundaries = CommitteeBoundaries(random, committees, cellSizes.Count);
        for (var c = 0; c < committees; c++)
        {
            var committee = Committee(c, root.Id);
            units.Add(committee);
            var cell = boundaries[c];
            var g = 0;
            while (cell < boundaries[c + 1])
            {
                var left = boundaries[c + 1] - cell;
                var count = random.NextDouble() < GrassrootsCellShare ? 1 : Math.Min(left, random.Next(2, MaxCellsPerGrassroots + 1));
                var grassroots = Grassroots(random, committee.Id, ++g, count == 1);
                units.Add(grassroots);
                for (var k = 1; k <= count; k++, cell++)
                {
                    var cellUnit = Cell(random, grassroots, k, count == 1);
                    units.Add(cellUnit);
                    for (var m = 0; m < cellSizes[cell]; m++)
                    {
                        members.Add(memberFactory.Next(cellUnit.Id));
                    }
                }
            }
        }

        return new RosterSnapshot(units, members);
    }

    /// <summary>Cell sizes summing exactly to the total; only a roster under 10 members has a cell under 10.</summary>
    private static List<int> CellSizes(Random random, int total)
    {
        var sizes = new List<int>(total / 17 + 1);
        var left = total;
        while (left > 0)
        {
            var size = left <= MaxCell ? left : Math.Min(Triangular(random), left - MinCell);
            sizes.Add(size);
            left -= size;
        }

        return sizes;
    }

    private static int Triangular(Random random)
    {
        var u = random.NextDouble();
        const double split = (double)(ModeCell - MinCell) / (MaxCell - MinCell);
        var x = u < split
            ? MinCell + Math.Sqrt(u * (MaxCell - MinCell) * (ModeCell - MinCell))
            : MaxCell - Math.Sqrt((1 - u) * (MaxCell - MinCell) * (MaxCell - ModeCell));
        return (int)Math.Round(x);
    }

    /// <summary>Cells per committee: uneven on purpose, as real committees differ in size (weights 0.5–1.5).</summary>
    private static int[] CommitteeBoundaries(Random random, int committees, int cells)
    {
        var weights = new double[committees];
        for (var c = 0; c < committees; c++)
        {
            weights[c] = 0.5 + random.NextDouble();
        }

        var total = weights.Sum();
        var boundaries = new int[committees + 1];
        var running = 0.0;
        for (var c = 0; c < committees; c++)
        {
            running += weights[c];
            boundaries[c + 1] = c == committees - 1 ? cells : (int)Math.Round(running / total * cells);
        }

        return boundaries;
    }

    private static Unit Committee(int index, string rootId)
    {
        var names = VietnameseNames.Committees;
        var name = index < names.Length ? names[index] : string.Create(CultureInfo.InvariantCulture, $"{names[index % names.Length]} {index / names.Length + 1}");
        var id = string.Create(CultureInfo.InvariantCulture, $"u-c{index + 1:D2}");
        return new Unit(id, name, UnitKind.Committee, rootId) { Email = $"{id}@example.vn" };
    }

    private static Unit Grassroots(Random random, string committeeId, int number, bool grassrootsCell)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{committeeId}-g{number:D3}");
        var prefix = grassrootsCell ? "Chi bộ cơ sở" : "Đảng bộ cơ sở";
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix} {VietnameseNames.Pick(random, VietnameseNames.Institutions)} {number}");
        return new Unit(id, name, UnitKind.GrassrootsOrganization, committeeId) { Email = $"{id}@example.vn" };
    }

    private static Unit Cell(Random random, Unit grassroots, int number, bool grassrootsCell)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{grassroots.Id}-cell{number:D2}");
        var name = grassrootsCell
            ? string.Concat("Chi bộ", grassroots.Name.AsSpan("Chi bộ cơ sở".Length))
            : string.Create(CultureInfo.InvariantCulture, $"Chi bộ {VietnameseNames.Pick(random, VietnameseNames.CellNames)} {number}");
        return new Unit(id, name, UnitKind.Cell, grassroots.Id) { Email = $"{id}@example.vn" };
    }
}
