using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AnnualReview.TaskHub.History;

namespace AnnualReview.TaskHub.Sealing;

/// <summary>
/// Each event's seal covers the previous event's seal, its own position and its canonical content, so an edited,
/// removed or reordered event breaks the chain from that event on. Each execution of an instance starts a chain.
/// </summary>
public static class SealChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Next(string previous, HistoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(record);
        string material = string.Join('\n', previous, record.InstanceId, record.ExecutionId, record.Seq.ToString(CultureInfo.InvariantCulture), record.Canonical);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }
}
