using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using System.Text.Json;
using NasServerless.Contracts;
using NasServerless.Orchestration.Definitions;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.State;
using NasServerless.Search.Randomness;

namespace NasServerless.Orchestration.Activities;

/// <summary>
/// Queues one training job. Sending twice only makes a trainer find the result blob and answer again,
/// so at-least-once execution is safe.
/// </summary>
[DurableTask(nameof(EnqueueTrainingJob))]
public sealed class EnqueueTrainingJob(SearchStore store, SearchContextCache contexts, TrainingJobQueue queue, ILogger<EnqueueTrainingJob> logger)
    : TaskActivity<TrainingJobRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TrainingJobRequest input)
    {
        var search = await contexts.GetAsync(input.SearchId);
        var plan = await store.GetPlanAsync(input.SearchId, input.Generation);
        var candidate = plan.Islands[input.Island].First(c => c.Id == input.CandidateId);
        // The training seed depends on the search seed and the architecture only, so a retry trains identically.
        var seed = (long)(DeterministicRandom.For(search.Definition.Evolution.Seed, 0, 0, "train:" + input.CandidateId).NextUInt64() >> 1);
        var spaceOptions = search.Definition.SearchSpace == SearchSpaces.LayerList ? JsonSerializer.Serialize(search.Definition.LayerList, ContractJson.Options) : null;
        var job = new TrainingJob(input.SearchId, input.InstanceId, input.CandidateId, input.Attempt, search.Definition.SearchSpace, candidate.Genome, search.Definition.Dataset, search.Definition.Training, seed, spaceOptions);
        await queue.SendAsync(job);
        logger.LogInformation("Queued {CandidateId} attempt {Attempt} for {SearchId} island {IslandId} generation {Generation}", input.CandidateId, input.Attempt, input.SearchId, input.Island, input.Generation);
        return true;
    }
}
