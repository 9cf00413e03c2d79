using System.Security.Cryptography;
using System.Text;

namespace AnnualReview.Durable.Storage;

/// <summary>
/// Each history row's hash covers the previous row's hash, its own position and its events, so an edited,
/// removed or reordered row breaks the chain from that row on.
/// </summary>
internal static class HashChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(string previousHash, string instanceId, long seq, string executionId, string eventsJson)
    {
        string material = $"{previousHash}\n{instanceId}\n{seq}\n{executionId}\n{eventsJson}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }
}
