using Microsoft.DurableTask.Client;

namespace AnnualReview.FunctionApp.Http;

/// <summary>
/// Where the app's services find the <see cref="DurableTaskClient"/> under the Functions host: the one the Durable
/// extension binds to <see cref="HttpEntry"/> (<c>[DurableClient]</c>), kept from the request that brought it.
/// The extension caches one client per task hub, so every request binds the same one; a service that asks
/// before any request came (nothing in the app does) is told so.
/// </summary>
public sealed class DurableClientSlot
{
    private DurableTaskClient? _client;

    public DurableTaskClient Client
        => Volatile.Read(ref _client) ?? throw new InvalidOperationException("No DurableTaskClient yet: the Durable extension binds it to the HTTP function's first request.");

    public void Bind(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        Volatile.Write(ref _client, client);
    }
}
