using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NasServerless.Orchestration.Api;
using NasServerless.Orchestration.Clients;

namespace NasServerless.Functions.Durable;

/// <summary>
/// The search API and the result relay over one invocation's <see cref="DurableTaskClient"/>. In the isolated
/// worker that client comes from the <c>[DurableClient]</c> binding, whose payload carries the host's gRPC
/// endpoint and task hub, so nothing can be registered for it at startup; the worker extension caches the
/// underlying gRPC client per endpoint, and wrapping it per call costs two small allocations.
/// </summary>
public sealed class DurableClientServices(IServiceProvider services)
{
    private static readonly ObjectFactory<SearchApi> ApiFactory = ActivatorUtilities.CreateFactory<SearchApi>([typeof(ISearchOrchestrationClient)]);
    private static readonly ObjectFactory<TrainingResultRelay> RelayFactory = ActivatorUtilities.CreateFactory<TrainingResultRelay>([typeof(ISearchOrchestrationClient)]);

    public SearchApi Api(DurableTaskClient client) => ApiFactory(services, [new DurableTaskClientAdapter(client)]);

    public TrainingResultRelay Relay(DurableTaskClient client) => RelayFactory(services, [new DurableTaskClientAdapter(client)]);
}
