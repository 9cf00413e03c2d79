using System.Security.Cryptography;
using System.Text;

namespace AnnualReview.Durable;

internal static class DeterministicIds
{
    /// <summary>A name-based id: the same parts always give the same id, on any worker.</summary>
    public static string From(params object[] parts)
    {
        string material = string.Join('|', parts);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)).AsSpan(0, 16));
    }
}
