using System.Reflection;
using System.Text.Json.Nodes;

namespace AnnualReview.Assessment.Tests.Rules;

/// <summary>The shipped rule set documents as editable JSON, to build malformed or reconfigured variants.</summary>
internal static class RuleSetJson
{
    public static JsonNode Shipped(string id)
    {
        Assembly library = typeof(AnnualReview.Assessment.Rules.RuleSetLoader).Assembly;
        using Stream stream = library.GetManifestResourceStream($"AnnualReview.Assessment.Rules.Data.{id}.json")!;
        return JsonNode.Parse(stream)!;
    }

    public static string With(string id, Action<JsonNode> change)
    {
        JsonNode root = Shipped(id);
        change(root);
        return root.ToJsonString();
    }
}
