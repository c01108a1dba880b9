using Azure.Core;
using Azure.Identity;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NasServerless.Orchestration.Activities;
using NasServerless.Orchestration.Api;
using NasServerless.Orchestration.Clients;
using NasServerless.Orchestration.Definitions;
using NasServerless.Orchestration.Orchestrators;
using NasServerless.Orchestration.State;

namespace NasServerless.Orchestration;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>
    /// Storage clients (<see cref="StorageOptions"/>: a connection string, or an account name with the DI-registered
    /// <see cref="TokenCredential"/>, <see cref="DefaultAzureCredential"/> unless replaced), search state and limits; the
    /// host adds the durable runtime (and, with a DI-registered client, <see cref="AddSearchApi"/>).
    /// </summary>
    public static IServiceCollection AddSearchServices(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SearchLimits>().BindConfiguration(SearchLimits.SectionName)
            .Validate(l => l.MaxPopulationSize > 1 && l.MaxIslands > 0 && l.MaxGenerations >= 0 && l.MaxEvaluationBudget > 0 && l.MaxEpochs > 0 && l.MaxRequestBytes > 0 && l.MaxConcurrentSearches > 0,
                "SearchLimits: every limit must be positive")
            .ValidateOnStart();
        // Replaceable (register another before or after this): tests, or a host that picks a narrower credential.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Account());
        services.AddSingleton(StorageServiceClients.Blobs);
        services.AddSingleton(StorageServiceClients.Queues);
        services.AddSingleton<SearchStore>();
        services.AddSingleton<SearchContextCache>();
        services.AddSingleton<TrainingJobQueue>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// The API and the result relay as singletons over a DI-registered <see cref="ISearchOrchestrationClient"/>
    /// (standalone host). The Functions app gets its durable client per invocation and builds them itself.
    /// </summary>
    public static IServiceCollection AddSearchApi(this IServiceCollection services)
    {
        services.AddSingleton<TrainingResultRelay>();
        services.AddSingleton<SearchApi>();
        return services;
    }

    /// <summary>Every orchestrator and activity of a search, for hosts that use a <see cref="DurableTaskRegistry"/>.</summary>
    public static DurableTaskRegistry AddSearchTasks(this DurableTaskRegistry registry)
    {
        foreach (var orchestrator in Orchestrators) registry.AddOrchestrator(orchestrator);
        foreach (var activity in Activities) registry.AddActivity(activity);
        return registry;
    }

    /// <summary>The orchestrators and activities as types, registered under their class names (the shim host wraps them itself).</summary>
    public static readonly IReadOnlyList<Type> Orchestrators = [typeof(SearchOrchestrator), typeof(IslandGenerationOrchestrator), typeof(EvaluateCandidateOrchestrator)];

    public static readonly IReadOnlyList<Type> Activities =
        [typeof(GetIslandCount), typeof(PlanIslandGeneration), typeof(EnqueueTrainingJob), typeof(CheckCandidateResult), typeof(RecordCandidateFailure), typeof(SelectIslandSurvivors), typeof(CompleteGeneration)];
}
