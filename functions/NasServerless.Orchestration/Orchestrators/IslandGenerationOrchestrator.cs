using Microsoft.DurableTask;
using NasServerless.Orchestration.Activities;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.State;
using NasServerless.Search.Evolution;

namespace NasServerless.Orchestration.Orchestrators;

/// <summary>
/// One island's generation: plan (breed), fan out an evaluation per new or shared candidate (known
/// architectures reuse their result), fan in, select survivors. Returns the population blob.
/// </summary>
[DurableTask(nameof(IslandGenerationOrchestrator))]
public sealed class IslandGenerationOrchestrator : TaskOrchestrator<IslandGenerationInput, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, IslandGenerationInput input)
    {
        var plan = await context.CallActivityAsync<IslandPlanSummary>(nameof(PlanIslandGeneration), input);

        await Task.WhenAll(plan.Candidates
            .Where(c => c.Disposition != CandidateDisposition.Known)
            .Select(c => context.CallSubOrchestratorAsync(
                nameof(EvaluateCandidateOrchestrator),
                new CandidateEvaluationInput(input.SearchId, c.Id, input.Generation, input.Island, c.Disposition == CandidateDisposition.New, plan.TimeoutSeconds, plan.MaxAttempts, c.Waiters),
                new SubOrchestrationOptions { InstanceId = InstanceIds.Candidate(input.SearchId, input.Generation, input.Island, c.Id) })));

        return await context.CallActivityAsync<string>(nameof(SelectIslandSurvivors), input);
    }
}
