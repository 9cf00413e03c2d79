using System.Text.Json.Nodes;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Tests.Rules;

public class RuleSetParseTests
{
    [Fact]
    public void Parse_ShareAboveOne_NamesTheField()
    {
        string json = RuleSetJson.With("QD366-2025", r => r["quota"]!["maxExcellentShareOfGood"]!["value"] = 1.5);

        RuleSetException e = Assert.Throws<RuleSetException>(() => RuleSetLoader.Parse(json));

        Assert.Equal("quota.maxExcellentShareOfGood", e.Field);
        Assert.Equal("quota.maxExcellentShareOfGood: must be between 0 and 1", e.Message);
    }

    [Theory]
    [InlineData("missing level code", "levels[2].code", "is required")]
    [InlineData("duplicate level", "levels[1].level", "defined twice")]
    [InlineData("bands out of order", "scoring.bands[0].level", "must be Excellent")]
    [InlineData("groups do not add up", "scoring.criteriaGroups", "add up to 90")]
    [InlineData("band minimum above max", "scoring.bands[0].minPoints", "between 0 and 100")]
    [InlineData("band minimum not decreasing", "scoring.bands[1].minPoints", "must be below")]
    [InlineData("lowest band above zero", "scoring.bands[3].minPoints", "must be 0")]
    [InlineData("requirement above one", "scoring.bands[0].requirements[1].min", "between 0 and 1")]
    [InlineData("unknown metric", "scoring.bands[0].requirements[0].metric", "must be one of")]
    [InlineData("zero denominator", "votes.excellent.denominator", "greater than 0")]
    [InlineData("good stricter than excellent", "votes.good", "must not need more votes than excellent")]
    [InlineData("missing source", "effectiveFromYear.source", "is required")]
    [InlineData("confirmed not a boolean", "quota.scope.confirmed", "true or false")]
    [InlineData("unknown scope", "quota.scope.value", "positionGroup, grassrootsOrganization")]
    [InlineData("outstanding below normal", "quota.outstandingUnitMaxShare", "must not be below")]
    [InlineData("capped without cap", "eligibility.leave[0].capAt", "is required")]
    [InlineData("recent admission without months", "eligibility.notRated[2].months", "is required")]
    [InlineData("missing individual form", "forms", "OutsidePoliticalSystem")]
    [InlineData("individual form without sections", "forms[1].parts", "must not be empty")]
    [InlineData("five-year run of one", "recognition.consecutiveExcellent.years", "between 2 and 50")]
    [InlineData("wrong format version", "formatVersion", "must be 1")]
    [InlineData("no triggers", "notCompletedTriggers", "must not be empty")]
    [InlineData("partly fixed weight above one", "scoring.partlyFixedWeight", "must be from 0 to 1")]
    public void Parse_MalformedQD366_NamesTheField(string change, string field, string problem)
    {
        string json = RuleSetJson.With("QD366-2025", r => Break(r, change));

        RuleSetException e = Assert.Throws<RuleSetException>(() => RuleSetLoader.Parse(json));

        Assert.Equal(field, e.Field);
        Assert.StartsWith(field + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GradesMissingPoor_NamesTheField()
    {
        string json = RuleSetJson.With("QD124-2023", r => r["scoring"]!["grades"]!.AsArray().RemoveAt(3));

        RuleSetException e = Assert.Throws<RuleSetException>(() => RuleSetLoader.Parse(json));

        Assert.Equal("scoring.grades", e.Field);
        Assert.Contains("Poor", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_FailsAtTheRoot()
    {
        RuleSetException e = Assert.Throws<RuleSetException>(() => RuleSetLoader.Parse("{ \"id\": "));

        Assert.Equal("$", e.Field);
    }

    [Fact]
    public void Parse_ChangedThreshold_IsConfigurable()
    {
        string json = RuleSetJson.With("QD366-2025", r =>
        {
            r["id"] = "QD366-2025-local";
            r["votes"]!["basis"]!["value"] = "fullMembersPresent";
            r["votes"]!["excellent"]!["numerator"] = 3;
            r["votes"]!["excellent"]!["denominator"] = 4;
        });

        RuleSet rules = RuleSetLoader.Parse(json);

        Assert.Equal("QD366-2025-local", rules.Id);
        Assert.Equal(VoteBasis.FullMembersPresent, rules.Votes.Basis.Value);
        Assert.Equal(3, rules.Votes.Excellent.Numerator);
    }

    private static void Break(JsonNode r, string change)
    {
        JsonNode scoring = r["scoring"]!;
        switch (change)
        {
            case "missing level code": r["levels"]![2]!.AsObject().Remove("code"); break;
            case "duplicate level": r["levels"]![1]!["level"] = "Excellent"; break;
            case "bands out of order": scoring["bands"]![0]!["level"] = "Good"; break;
            case "groups do not add up": scoring["criteriaGroups"]![0]!["maxPoints"]!["value"] = 20; break;
            case "band minimum above max": scoring["bands"]![0]!["minPoints"]!["value"] = 101; break;
            case "band minimum not decreasing": scoring["bands"]![1]!["minPoints"]!["value"] = 90; break;
            case "lowest band above zero": scoring["bands"]![3]!["minPoints"]!["value"] = 10; break;
            case "requirement above one": scoring["bands"]![0]!["requirements"]![1]!["min"] = 1.2; break;
            case "unknown metric": scoring["bands"]![0]!["requirements"]![0]!["metric"] = "happiness"; break;
            case "zero denominator": r["votes"]!["excellent"]!["denominator"] = 0; break;
            case "good stricter than excellent": r["votes"]!["good"]!["numerator"] = 3; r["votes"]!["good"]!["denominator"] = 4; break;
            case "missing source": r["effectiveFromYear"]!.AsObject().Remove("source"); break;
            case "confirmed not a boolean": r["quota"]!["scope"]!["confirmed"] = "yes"; break;
            case "unknown scope": r["quota"]!["scope"]!["value"] = "perUnit"; break;
            case "outstanding below normal": r["quota"]!["outstandingUnitMaxShare"]!["value"] = 0.1; break;
            case "capped without cap": r["eligibility"]!["leave"]![0]!["treatment"] = "capped"; break;
            case "recent admission without months": r["eligibility"]!["notRated"]![2]!.AsObject().Remove("months"); break;
            case "missing individual form": r["forms"]!.AsArray().RemoveAt(3); break;
            case "individual form without sections": r["forms"]![1]!["parts"] = new JsonArray(); break;
            case "five-year run of one": r["recognition"]!["consecutiveExcellent"]!["years"] = 1; break;
            case "wrong format version": r["formatVersion"] = 2; break;
            case "no triggers": r["notCompletedTriggers"] = new JsonArray(); break;
            case "partly fixed weight above one": scoring["partlyFixedWeight"]!["value"] = 1.5; break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change, "No such change.");
        }
    }
}
