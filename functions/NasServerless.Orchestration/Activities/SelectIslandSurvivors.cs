using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using NasServerless.Orchestration.Engine;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.State;

namespace NasServerless.Orchestration.Activities;

/// <summary>NSGA-II survivor selection of one island over its population and its evaluated offspring; returns the new population's blob.</summary>
[DurableTask(nameof(SelectIslandSurvivors))]
public sealed class SelectIslandSurvivors(SearchStore store, SearchContextCache contexts, ILogger<SelectIslandSurvivors> logger)
    : TaskActivity<IslandGenerationInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, IslandGenerationInput input)
    {
        var search = await contexts.GetAsync(input.SearchId);
        var plan = await store.GetPlanAsync(input.SearchId, input.Generation);
        var offspring = await Task.WhenAll(plan.Islands[input.Island].Select(async c =>
        {
            var result = await store.GetResultAsync(input.SearchId, c.Id)
                         ?? throw new InvalidOperationException($"candidate {c.Id} of search {input.SearchId} has no result blob yet");
            return new PopulationMember(c.Id, c.Genome, result.ToEvaluation());
        }));
        var population = input.PopulationRefs is { } refs ? await store.GetPopulationAsync(refs[input.Island]) : [];
        var survivors = search.Engine.SelectSurvivors(population, offspring);
        var blob = await store.SavePopulationAsync(SearchPaths.Population(input.SearchId, input.Generation, input.Island), survivors);
        logger.LogInformation("Selected {Count} survivors for {SearchId} island {IslandId} generation {Generation}", survivors.Count, input.SearchId, input.Island, input.Generation);
        return blob;
    }
}
