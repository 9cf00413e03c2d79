using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AnnualReview.Functions.Notifications.Delivery;

/// <summary>
/// How webhook calls are signed, for the gateway to check: <c>X-AnnualReview-Signature: sha256=&lt;hex&gt;</c>, the
/// HMAC-SHA256 with the shared secret of "<c>{timestamp}.{raw body}</c>", where the timestamp (Unix seconds) is
/// sent in <c>X-AnnualReview-Timestamp</c>. Signing the timestamp lets the receiver refuse replays of old calls.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-AnnualReview-Signature";
    public const string TimestampHeader = "X-AnnualReview-Timestamp";

    /// <summary>The delivery id, the same on every attempt: the receiver drops a repeat it already handled.</summary>
    public const string DeliveryHeader = "X-AnnualReview-Delivery";

    public const string Scheme = "sha256=";

    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(timestamp);
        byte[] prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        byte[] signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Whether a call is signed with <paramref name="secret"/> and its timestamp is within <paramref name="tolerance"/> of now.</summary>
    public static bool Verify(string secret, string? timestamp, ReadOnlySpan<byte> body, string? signature, DateTimeOffset now, TimeSpan tolerance)
    {
        if (timestamp is null || signature is null
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        byte[] expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        byte[] given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
