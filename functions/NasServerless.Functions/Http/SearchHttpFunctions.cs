using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using NasServerless.Functions.Durable;

namespace NasServerless.Functions.Http;

/// <summary>The search API as HTTP triggers, with the standalone host's routes (route prefix "api" from host.json); each delegates to <see cref="Orchestration.Api.SearchApi"/>.</summary>
public sealed class SearchHttpFunctions(DurableClientServices services)
{
    [Function("CreateSearch")]
    public Task<IResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "searches")] HttpRequest request, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        services.Api(client).CreateAsync(request, cancellationToken);

    [Function("ListSearches")]
    public Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "searches")] HttpRequest request, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        services.Api(client).ListAsync(request, cancellationToken);

    [Function("GetSearch")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "searches/{id}")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        services.Api(client).GetAsync(id, cancellationToken);

    [Function("GetSearchFront")]
    public Task<IResult> GetFront(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "searches/{id}/front")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        services.Api(client).GetFrontAsync(id, cancellationToken);

    [Function("GetSearchFrontPlot")]
    public Task<IResult> GetFrontPlot(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "searches/{id}/front.svg")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        services.Api(client).GetFrontPlotAsync(id, cancellationToken);

    [Function("DeleteSearch")]
    public Task<IResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "searches/{id}")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        services.Api(client).DeleteAsync(id, cancellationToken);
}
