using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Rules;

internal static partial class RuleSetParser
{
    private static ScoringModel ReadScoring(JsonCursor scoring)
    {
        ScoringModelKind kind = scoring.Enum<ScoringModelKind>("model");
        return kind == ScoringModelKind.Points
            ? new ScoringModel(kind, ReadPoints(scoring), null)
            : new ScoringModel(kind, null, ReadGrades(scoring));
    }

    private static PointsScale ReadPoints(JsonCursor scoring)
    {
        Sourced<int> max = scoring.Sourced("maxPoints", static (c, n) => c.Int(n));
        if (max.Value <= 0)
        {
            throw scoring.Fail("maxPoints", "must be greater than 0");
        }

        var groups = new List<CriteriaGroup>();
        foreach (JsonCursor item in scoring.Objects("criteriaGroups"))
        {
            string code = item.String("code");
            if (groups.Any(g => g.Code == code))
            {
                throw item.Fail("code", $"{code} is defined twice");
            }

            Sourced<int> groupMax = item.Sourced("maxPoints", static (c, n) => c.Int(n));
            if (groupMax.Value <= 0)
            {
                throw item.Fail("maxPoints", "must be greater than 0");
            }

            (string source, bool confirmed) = item.Provenance();
            groups.Add(new CriteriaGroup(code, item.String("nameVi"), item.String("nameEn"), groupMax, ReadCriteria(item, "subCriteria"), source, confirmed));
        }

        int sum = groups.Sum(g => g.MaxPoints.Value);
        if (sum != max.Value)
        {
            throw scoring.Fail("criteriaGroups", $"maxPoints of the groups add up to {sum}, not scoring.maxPoints ({max.Value})");
        }

        Sourced<decimal> partly = scoring.Sourced("partlyFixedWeight", static (c, n) => c.Decimal(n));
        if (partly.Value is < 0 or > 1)
        {
            throw scoring.Fail("partlyFixedWeight", "must be from 0 to 1");
        }

        return new PointsScale(max, groups, ReadBands(scoring, max.Value), partly);
    }

    private static List<LevelBand> ReadBands(JsonCursor scoring, int maxPoints)
    {
        var bands = new List<LevelBand>();
        IReadOnlyList<JsonCursor> items = scoring.Objects("bands");
        for (int i = 0; i < items.Count; i++)
        {
            JsonCursor item = items[i];

            // Bands are read top down, so they must run Excellent, Good, Completed, NotCompleted.
            RatingLevel level = item.Enum<RatingLevel>("level");
            if ((int)level != i)
            {
                throw item.Fail("level", $"must be {(RatingLevel)i}: bands run from Excellent down to NotCompleted, once each");
            }

            Sourced<decimal> min = item.Sourced("minPoints", static (c, n) => c.Decimal(n));
            if (min.Value < 0 || min.Value > maxPoints)
            {
                throw item.Fail("minPoints", $"must be between 0 and {maxPoints}");
            }

            if (bands.Count > 0 && min.Value >= bands[^1].MinPoints.Value)
            {
                throw item.Fail("minPoints", $"must be below the {bands[^1].Level} band's minimum ({bands[^1].MinPoints.Value})");
            }

            bands.Add(new LevelBand(level, min, ReadRequirements(item)));
        }

        RequireEveryLevel(scoring.PathOf("bands"), bands.Select(b => b.Level));

        // Every total must land in some band, so the lowest one starts at zero.
        if (bands[^1].MinPoints.Value != 0)
        {
            throw items[^1].Fail("minPoints", "must be 0 for the lowest band");
        }

        return bands;
    }

    private static List<BandRequirement> ReadRequirements(JsonCursor band)
    {
        var requirements = new List<BandRequirement>();
        foreach (JsonCursor item in band.Objects("requirements", allowEmpty: true))
        {
            decimal? min = item.OptionalDecimal("min");
            decimal? max = item.OptionalDecimal("max");
            if (min is null && max is null)
            {
                throw item.Fail("min", "min or max is required");
            }

            if (min is < 0 or > 1)
            {
                throw item.Fail("min", "must be between 0 and 1");
            }

            if (max is < 0 or > 1)
            {
                throw item.Fail("max", "must be between 0 and 1");
            }

            if (min > max)
            {
                throw item.Fail("max", "must not be below min");
            }

            (string source, bool confirmed) = item.Provenance();
            requirements.Add(new BandRequirement(item.Enum<ScoringMetric>("metric"), min, max, source, confirmed));
        }

        return requirements;
    }

    private static GradeScale ReadGrades(JsonCursor scoring)
    {
        var grades = new List<GradeDefinition>();
        foreach (JsonCursor item in scoring.Objects("grades"))
        {
            CriterionGrade grade = item.Enum<CriterionGrade>("grade");
            if (grades.Any(g => g.Grade == grade))
            {
                throw item.Fail("grade", $"{grade} is defined twice");
            }

            grades.Add(new GradeDefinition(grade, item.String("nameVi"), item.String("nameEn")));
        }

        CriterionGrade[] missing = Enum.GetValues<CriterionGrade>().Except(grades.Select(g => g.Grade)).ToArray();
        if (missing.Length > 0)
        {
            throw scoring.Fail("grades", $"must define {string.Join(", ", missing)}");
        }

        return new GradeScale(
            grades,
            scoring.String("gradesSource"),
            scoring.Bool("gradesConfirmed"),
            ReadCriteria(scoring, "criteria"),
            scoring.String("criteriaSource"),
            scoring.Bool("criteriaConfirmed"),
            scoring.Sourced("anyGradeForcesNotCompleted", static (c, n) => c.Enum<CriterionGrade>(n)));
    }

    private static List<Criterion> ReadCriteria(JsonCursor parent, string name)
    {
        var criteria = new List<Criterion>();
        foreach (JsonCursor item in parent.Objects(name))
        {
            string code = item.OptionalString("code") ?? string.Empty;
            if (code.Length > 0 && criteria.Any(c => c.Code == code))
            {
                throw item.Fail("code", $"{code} is defined twice");
            }

            criteria.Add(new Criterion(code, item.String("nameVi"), item.String("nameEn")));
        }

        return criteria;
    }
}
