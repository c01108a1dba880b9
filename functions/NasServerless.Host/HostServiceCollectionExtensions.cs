using NasServerless.Host.Durable;
using NasServerless.Host.Results;
using NasServerless.Orchestration;
using NasServerless.Orchestration.Clients;
using NasServerless.Orchestration.State;

namespace NasServerless.Host;

public static class HostServiceCollectionExtensions
{
    /// <summary>Everything the standalone host runs: search services, the shim task hub worker and client, the results poller.</summary>
    public static IHostApplicationBuilder AddStandaloneHost(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSearchServices().AddSearchApi();
        services.AddOptions<DurableHostOptions>().BindConfiguration(DurableHostOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ResultsPollerOptions>().BindConfiguration(ResultsPollerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TaskHubService>();
        services.AddSingleton<ISearchOrchestrationClient, TaskHubClientAdapter>();
        services.AddHostedService<StorageInitializer>();
        services.AddHostedService<TaskHubWorkerService>();
        services.AddHostedService<TrainingResultsPoller>();
        return builder;
    }
}

/// <summary>Creates the search containers before anything else runs.</summary>
internal sealed class StorageInitializer(SearchStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureContainersAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
