using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using NasServerless.Orchestration.Engine;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.State;
using NasServerless.Search.Evolution;

namespace NasServerless.Orchestration.Activities;

/// <summary>
/// Breeds the generation (initial genomes at generation 0) and returns this island's share of the plan.
/// Every island computes the same plan from the same inputs, so whichever runs first stores it and the
/// rest read it; running twice rewrites identical content.
/// </summary>
[DurableTask(nameof(PlanIslandGeneration))]
public sealed class PlanIslandGeneration(SearchStore store, SearchContextCache contexts, ILogger<PlanIslandGeneration> logger)
    : TaskActivity<IslandGenerationInput, IslandPlanSummary>
{
    public override async Task<IslandPlanSummary> RunAsync(TaskActivityContext context, IslandGenerationInput input)
    {
        var search = await contexts.GetAsync(input.SearchId);
        var plan = await store.TryGetPlanAsync(input.SearchId, input.Generation);
        if (plan is null)
        {
            var known = await store.GetEvaluatedAsync(input.SearchId, input.Generation - 1);
            IReadOnlyList<IReadOnlyList<PopulationMember>>? populations = null;
            if (input.PopulationRefs is { } refs)
                populations = await Task.WhenAll(refs.Select(store.GetPopulationAsync));
            // Null for generation 0, and for searches started before archives were kept (they breed from their populations).
            var archive = input.Generation == 0 ? null : await store.GetArchiveAsync(input.SearchId, input.Generation - 1);
            plan = search.Engine.Plan(input.Generation, populations, known.ToHashSet(StringComparer.Ordinal), known.Count, archive);
            await store.SavePlanAsync(input.SearchId, plan);
        }

        var share = plan.Islands[input.Island];
        logger.LogInformation(
            "Planned {Count} candidates ({New} new) for {SearchId} island {IslandId} generation {Generation}",
            share.Count, share.Count(c => c.Disposition == CandidateDisposition.New && c.OwnerIsland == input.Island), input.SearchId, input.Island, input.Generation);
        if (input.Generation == 0)
        {
            var diversity = search.Engine.Diversity(share.Select(c => c.Genome).ToList());
            logger.LogInformation(
                "Initial population of {SearchId} island {IslandId}: {Distinct}/{Count} distinct, mean pairwise edit distance {MeanDistance:F2}, parameters {MinParameters}..{MaxParameters}",
                input.SearchId, input.Island, diversity.DistinctCount, diversity.Count, diversity.MeanPairwiseDistance, diversity.MinParameters, diversity.MaxParameters);
        }
        var dispatch = search.Definition.Dispatch;
        return new IslandPlanSummary(share.Select(c => Ticket(plan, input.Island, c)).ToList(), dispatch.TimeoutSeconds, dispatch.MaxAttempts);
    }

    /// <summary>
    /// Known candidates reuse their result; an island's own new candidates list the other islands that bred the same
    /// architecture (they wait for it); another island's are shared.
    /// </summary>
    private static CandidateTicket Ticket(GenerationPlanDocument plan, int island, PlannedCandidateDocument candidate)
    {
        if (candidate.Disposition == CandidateDisposition.Known) return new CandidateTicket(candidate.Id, candidate.Disposition);
        if (candidate.OwnerIsland != island) return new CandidateTicket(candidate.Id, CandidateDisposition.Shared);
        var waiters = Enumerable.Range(0, plan.Islands.Count)
            .Where(other => other != island && plan.Islands[other].Any(c => c.Id == candidate.Id && c.Disposition != CandidateDisposition.Known))
            .ToList();
        return new CandidateTicket(candidate.Id, candidate.Disposition, waiters.Count > 0 ? waiters : null);
    }
}
