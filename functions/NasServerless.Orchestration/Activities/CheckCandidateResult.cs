using Microsoft.DurableTask;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.State;

namespace NasServerless.Orchestration.Activities;

/// <summary>Whether the candidate's result blob exists (a trainer finished, or an earlier attempt did).</summary>
[DurableTask(nameof(CheckCandidateResult))]
public sealed class CheckCandidateResult(SearchStore store) : TaskActivity<CandidateRef, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, CandidateRef input) => store.ResultExistsAsync(input.SearchId, input.CandidateId);
}
