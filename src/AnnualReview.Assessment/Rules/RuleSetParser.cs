using System.Text.Json;
using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Rules;

/// <summary>
/// Reads and validates a rule set document. Everything a cycle relies on is checked here, once, so the
/// rating code can trust the values it is given.
/// </summary>
internal static partial class RuleSetParser
{
    public const int FormatVersion = 1;

    public static RuleSet Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new RuleSetException("$", $"is not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            return Read(new JsonCursor(document.RootElement, "$"));
        }
    }

    private static RuleSet Read(JsonCursor root)
    {
        if (root.Int("formatVersion") != FormatVersion)
        {
            throw root.Fail("formatVersion", $"must be {FormatVersion}");
        }

        string id = root.String("id");
        if (id.Any(char.IsWhiteSpace))
        {
            throw root.Fail("id", "must not contain spaces");
        }

        JsonCursor title = root.Object("title");
        Sourced<int> effective = root.Sourced("effectiveFromYear", static (c, n) => c.Int(n));
        if (effective.Value is < 2000 or > 2100)
        {
            throw root.Fail("effectiveFromYear", "must be a year between 2000 and 2100");
        }

        return new RuleSet(
            id,
            title.String("vi"),
            title.String("en"),
            effective,
            ReadLevels(root),
            ReadScoring(root.Object("scoring")),
            ReadTriggers(root),
            ReadQuota(root.Object("quota")),
            ReadVotes(root.Object("votes")),
            ReadEligibility(root.Object("eligibility")),
            ReadForms(root),
            ReadRecognition(root.Object("recognition")));
    }

    private static List<LevelDefinition> ReadLevels(JsonCursor root)
    {
        var levels = new List<LevelDefinition>();
        foreach (JsonCursor item in root.Objects("levels"))
        {
            RatingLevel level = item.Enum<RatingLevel>("level");
            if (levels.Any(l => l.Level == level))
            {
                throw item.Fail("level", $"{level} is defined twice");
            }

            (string source, bool confirmed) = item.Provenance();
            levels.Add(new LevelDefinition(level, item.String("code"), item.String("nameVi"), item.String("nameEn"), source, confirmed));
        }

        RequireEveryLevel(root.PathOf("levels"), levels.Select(l => l.Level));
        return levels;
    }

    private static List<NotCompletedTrigger> ReadTriggers(JsonCursor root)
    {
        var triggers = new List<NotCompletedTrigger>();
        foreach (JsonCursor item in root.Objects("notCompletedTriggers"))
        {
            string code = item.String("code");
            if (triggers.Any(t => t.Code == code))
            {
                throw item.Fail("code", $"{code} is defined twice");
            }

            (string source, bool confirmed) = item.Provenance();
            triggers.Add(new NotCompletedTrigger(
                code,
                item.Enum<TriggerScope>("appliesTo"),
                item.String("nameVi"),
                item.String("nameEn"),
                item.Bool("mitigable"),
                source,
                confirmed));
        }

        return triggers;
    }

    private static QuotaRule ReadQuota(JsonCursor quota)
    {
        Sourced<decimal> share = ReadShare(quota, "maxExcellentShareOfGood");
        Sourced<decimal>? outstanding = quota.Has("outstandingUnitMaxShare") ? ReadShare(quota, "outstandingUnitMaxShare") : null;
        if (outstanding is not null && outstanding.Value < share.Value)
        {
            throw quota.Fail("outstandingUnitMaxShare", "must not be below maxExcellentShareOfGood");
        }

        return new QuotaRule(share, outstanding, quota.Sourced("scope", static (c, n) => c.Enum<QuotaScope>(n)));
    }

    private static Sourced<decimal> ReadShare(JsonCursor parent, string name)
    {
        Sourced<decimal> share = parent.Sourced(name, static (c, n) => c.Decimal(n));
        return share.Value is < 0 or > 1 ? throw parent.Fail(name, "must be between 0 and 1") : share;
    }

    private static VoteThresholds ReadVotes(JsonCursor votes)
    {
        VoteThreshold excellent = ReadThreshold(votes, "excellent");
        VoteThreshold good = ReadThreshold(votes, "good");
        VoteThreshold completed = ReadThreshold(votes, "completed");

        // A lower level asking more votes than a higher one would make the higher level unreachable on its own.
        if (IsStricter(good, excellent))
        {
            throw votes.Fail("good", "must not need more votes than excellent");
        }

        if (IsStricter(completed, good))
        {
            throw votes.Fail("completed", "must not need more votes than good");
        }

        JsonCursor reading = votes.Object("reading");
        (string source, bool confirmed) = reading.Provenance();
        return new VoteThresholds(votes.Sourced("basis", static (c, n) => c.Enum<VoteBasis>(n)), excellent, good, completed,
            new VoteReading(reading.Bool("cumulative"), reading.String("sentenceVi"), reading.String("sentenceEn"), source, confirmed));
    }

    private static VoteThreshold ReadThreshold(JsonCursor votes, string name)
    {
        JsonCursor item = votes.Object(name);
        int numerator = item.Int("numerator");
        int denominator = item.Int("denominator");
        if (denominator <= 0)
        {
            throw item.Fail("denominator", "must be greater than 0");
        }

        if (numerator <= 0 || numerator > denominator)
        {
            throw item.Fail("numerator", "must be between 1 and the denominator");
        }

        (string source, bool confirmed) = item.Provenance();
        return new VoteThreshold(numerator, denominator, item.Bool("inclusive"), source, confirmed);
    }

    private static bool IsStricter(VoteThreshold a, VoteThreshold b)
    {
        long left = (long)a.Numerator * b.Denominator;
        long right = (long)b.Numerator * a.Denominator;
        return left > right || (left == right && !a.Inclusive && b.Inclusive);
    }

    private static void RequireEveryLevel(string path, IEnumerable<RatingLevel> present)
    {
        RatingLevel[] missing = Enum.GetValues<RatingLevel>().Except(present).ToArray();
        if (missing.Length > 0)
        {
            throw new RuleSetException(path, $"must define {string.Join(", ", missing)}");
        }
    }
}
