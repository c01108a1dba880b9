using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using NasServerless.Orchestration.Activities;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.State;

namespace NasServerless.Orchestration.Orchestrators;

/// <summary>
/// One instance per search (instance id = search id). Per generation: fan out one island orchestrator
/// per island, fan in, close the generation (migration, front), publish progress, then ContinueAsNew
/// with a few blob names so history stays small for any number of generations.
/// </summary>
[DurableTask(nameof(SearchOrchestrator))]
public sealed class SearchOrchestrator : TaskOrchestrator<SearchOrchestratorInput, SearchProgress>
{
    public override async Task<SearchProgress> RunAsync(TaskOrchestrationContext context, SearchOrchestratorInput state)
    {
        var logger = context.CreateReplaySafeLogger<SearchOrchestrator>();
        if (state.Progress is not null) context.SetCustomStatus(state.Progress);
        var islands = await context.CallActivityAsync<int>(nameof(GetIslandCount), state.SearchId);

        var populations = await Task.WhenAll(Enumerable.Range(0, islands).Select(island =>
            context.CallSubOrchestratorAsync<string>(
                nameof(IslandGenerationOrchestrator),
                new IslandGenerationInput(state.SearchId, island, state.Generation, state.PopulationRefs),
                new SubOrchestrationOptions { InstanceId = InstanceIds.Island(state.SearchId, state.Generation, island) })));

        var summary = await context.CallActivityAsync<GenerationSummary>(
            nameof(CompleteGeneration),
            new CompleteGenerationInput(state.SearchId, state.Generation, populations, state.StagnantGenerations));

        var progress = new SearchProgress(summary.Generation, summary.Generations, summary.Evaluations, summary.Failed, summary.FrontSize, summary.BestAccuracy, context.CurrentUtcDateTime, summary.Done);
        context.SetCustomStatus(progress);
        logger.LogInformation("Search {InstanceId} generation {Generation}: {Evaluations} evaluations, front {FrontSize}", context.InstanceId, summary.Generation, summary.Evaluations, summary.FrontSize);
        if (summary.Done) return progress;

        context.ContinueAsNew(new SearchOrchestratorInput(state.SearchId, state.Generation + 1, summary.PopulationRefs, summary.StagnantGenerations, progress));
        return progress;
    }
}
