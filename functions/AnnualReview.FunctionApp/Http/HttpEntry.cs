using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AnnualReview.FunctionApp.Http;

/// <summary>
/// The app's one HTTP function: every method, every path (<c>routePrefix</c> is empty in host.json, so <c>/web</c>,
/// <c>/api</c> and <c>/</c> keep their paths). Through ASP.NET Core integration the request arrives as a real
/// <see cref="HttpContext"/>, which goes to the same endpoints the standalone host serves. The host keeps
/// <c>/runtime/webhooks/durabletask</c> (Durable Functions' management API) and <c>/admin</c> for itself.
/// </summary>
public sealed class HttpEntry(SharedPipeline pipeline, DurableClientSlot client)
{
    public const string Name = "Http";

    [Function(Name)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = "{*path}")] HttpRequest request,
        [DurableClient] DurableTaskClient durableClient)
    {
        ArgumentNullException.ThrowIfNull(request);
        client.Bind(durableClient);
        await pipeline.InvokeAsync(request.HttpContext);

        // The endpoint has written the answer on the context already.
        return new EmptyResult();
    }
}
