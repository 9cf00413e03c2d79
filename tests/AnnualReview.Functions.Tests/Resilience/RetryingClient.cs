using System.Net;
using System.Net.Http.Headers;

namespace AnnualReview.Functions.Tests.Resilience;

/// <summary>
/// A person's client as a careful app would write it: each action gets one Idempotency-Key, and is sent again
/// with the same key while the server is down, answers 5xx, or says the first attempt is still in progress; any
/// other answer is definitive, so a refusal fails the test at once with its reason.
/// </summary>
internal sealed class RetryingClient(Uri baseAddress, string token, Action? retried = null) : IDisposable
{
    /// <summary>The problem type of "the first attempt with this key is still running": the only 409 worth waiting out.</summary>
    private const string InProgress = "/problems/idempotency-in-progress";

    private readonly HttpClient _http = Create(baseAddress, token);

    public int Retries { get; private set; }

    public AuthenticationHeaderValue? Authorization => _http.DefaultRequestHeaders.Authorization;

    /// <summary>Sends until a definitive answer; returns it (2xx, or a 4xx other than "in progress").</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellation)
    {
        string key = Guid.NewGuid().ToString("N");
        string lastAnswer = "no answer yet";
        while (true)
        {
            if (cancellation.IsCancellationRequested)
            {
                // Say what the server kept answering, so a retry loop that never ends tells why.
                throw new OperationCanceledException($"Gave up retrying; the last answer was: {lastAnswer}", cancellation);
            }

            using HttpRequestMessage message = request();
            message.Headers.Add("Idempotency-Key", key);
            try
            {
                HttpResponseMessage response = await _http.SendAsync(message, cancellation);
                string body = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.Conflict
                    ? await response.Content.ReadAsStringAsync(CancellationToken.None)
                    : "";
                if ((int)response.StatusCode < 500 && !body.Contains(InProgress, StringComparison.Ordinal))
                {
                    return response;
                }

                lastAnswer = $"{message.Method} {message.RequestUri}: {(int)response.StatusCode} {body}";
                response.Dispose();
            }
            catch (HttpRequestException)
            {
                // The server is down (killed) or restarting.
            }
            catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
            {
                // The connection died with the server.
            }

            Retries++;
            retried?.Invoke();
            await Task.Delay(300, CancellationToken.None);
        }
    }

    /// <summary>Reads, retrying while the server is down.</summary>
    public async Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellation)
    {
        while (true)
        {
            try
            {
                HttpResponseMessage response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellation);
                if ((int)response.StatusCode < 500)
                {
                    return response;
                }

                response.Dispose();
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
            {
            }

            await Task.Delay(300, cancellation);
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpClient Create(Uri baseAddress, string token)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
