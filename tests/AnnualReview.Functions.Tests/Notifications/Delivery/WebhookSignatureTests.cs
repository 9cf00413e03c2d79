using System.Security.Cryptography;
using System.Text;
using AnnualReview.Functions.Notifications.Delivery;

namespace AnnualReview.Functions.Tests.Notifications.Delivery;

public sealed class WebhookSignatureTests
{
    private const string Secret = "s3cret";
    private static readonly DateTimeOffset Now = new(2025, 12, 8, 2, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"text\":\"Nhắc việc\"}");

    [Fact]
    public void Sign_IsTheHexHmacOfTimestampDotBody()
    {
        string timestamp = WebhookSignature.Timestamp(Now);
        byte[] signed = [.. Encoding.UTF8.GetBytes("1765159200."), .. Body];
        byte[] expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed);

        Assert.Equal("1765159200", timestamp);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(expected), WebhookSignature.Sign(Secret, timestamp, Body));
    }

    [Fact]
    public void Verify_AcceptsOnlyAnUnchangedRecentCallSignedWithTheSecret()
    {
        string timestamp = WebhookSignature.Timestamp(Now);
        string signature = WebhookSignature.Sign(Secret, timestamp, Body);
        byte[] tampered = Encoding.UTF8.GetBytes("{\"text\":\"Nhắc viec\"}");
        TimeSpan tolerance = TimeSpan.FromMinutes(5);

        Assert.True(WebhookSignature.Verify(Secret, timestamp, Body, signature, Now.AddMinutes(1), tolerance));
        Assert.False(WebhookSignature.Verify(Secret, timestamp, tampered, signature, Now, tolerance));
        Assert.False(WebhookSignature.Verify("other", timestamp, Body, signature, Now, tolerance));
        Assert.False(WebhookSignature.Verify(Secret, WebhookSignature.Timestamp(Now.AddSeconds(1)), Body, signature, Now, tolerance));
        Assert.False(WebhookSignature.Verify(Secret, timestamp, Body, signature, Now.AddMinutes(6), tolerance));
        Assert.False(WebhookSignature.Verify(Secret, null, Body, signature, Now, tolerance));
    }
}
