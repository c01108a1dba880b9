using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using NasServerless.Contracts;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.State;

namespace NasServerless.Orchestration.Activities;

/// <summary>
/// After the last attempt timed out: a failed result with the worst fitness, so the search goes on.
/// Written with If-None-Match, so a trainer's late real result (or an earlier run of this activity) wins.
/// </summary>
[DurableTask(nameof(RecordCandidateFailure))]
public sealed class RecordCandidateFailure(SearchStore store, SearchContextCache contexts, ILogger<RecordCandidateFailure> logger)
    : TaskActivity<CandidateFailure, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CandidateFailure input)
    {
        var search = await contexts.GetAsync(input.SearchId);
        var plan = await store.GetPlanAsync(input.SearchId, input.Generation);
        var genome = plan.Islands[input.Island].First(c => c.Id == input.CandidateId).Genome;
        var size = search.Engine.AnalyticSize(genome);
        var written = await store.TryWriteResultAsync(new TrainingResult
        {
            SearchId = input.SearchId,
            CandidateId = input.CandidateId,
            Failed = true,
            FailureReason = input.Reason,
            Parameters = size?.Parameters ?? 0,
            Flops = size?.Flops ?? 0,
            Worker = "orchestrator",
        });
        logger.LogWarning("Candidate {CandidateId} of {SearchId} island {IslandId} generation {Generation} failed: {Reason} (recorded: {Written})", input.CandidateId, input.SearchId, input.Island, input.Generation, input.Reason, written);
        return written;
    }
}
