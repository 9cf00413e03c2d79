using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AnnualReview.Functions.Tests.Notifications;

/// <summary>One call the receiver got, with whether its signature checked out.</summary>
public sealed record ReceivedCall(JsonElement Payload, string? DeliveryId, bool SignatureValid, int AnsweredWith);

/// <summary>
/// A gateway stand-in on Kestrel on a random port: checks each call's HMAC with its own secret (computed here,
/// independently of the app's signing code), answers 401 when it does not match, otherwise answers with the
/// next planned status (200 once the plan runs out).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _plan;
    private readonly string _secret;

    private WebhookReceiver(WebApplication app, string secret, IEnumerable<int> plan)
    {
        _app = app;
        _secret = secret;
        _plan = new ConcurrentQueue<int>(plan);
    }

    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();

    public Uri Url => new(_app.Urls.First() + "/sms");

    public static async Task<WebhookReceiver> StartAsync(string secret, IEnumerable<int> plan, CancellationToken cancellation)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var receiver = new WebhookReceiver(app, secret, plan);
        app.MapPost("/sms", receiver.ReceiveAsync);
        await app.StartAsync(cancellation);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        byte[] body = buffer.ToArray();
        string? timestamp = request.Headers["X-AnnualReview-Timestamp"];
        string? signature = request.Headers["X-AnnualReview-Signature"];
        bool valid = timestamp is not null && signature is not null && Matches(timestamp, body, signature);
        int status = !valid ? 401 : _plan.TryDequeue(out int planned) ? planned : 200;
        Calls.Enqueue(new ReceivedCall(JsonDocument.Parse(body).RootElement.Clone(), request.Headers["X-AnnualReview-Delivery"], valid, status));
        return Results.StatusCode(status);
    }

    private bool Matches(string timestamp, byte[] body, string signature)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        byte[] signed = [.. Encoding.UTF8.GetBytes(timestamp + "."), .. body];
        string expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), signed));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }
}
