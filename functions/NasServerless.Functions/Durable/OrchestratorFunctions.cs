using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.Orchestrators;

namespace NasServerless.Functions.Durable;

/// <summary>
/// One <c>[OrchestrationTrigger]</c> per orchestrator class, named after the class (the orchestrators call each
/// other by <c>nameof</c>); each runs the stateless class instance on the trigger's context.
/// </summary>
public static class OrchestratorFunctions
{
    private static readonly SearchOrchestrator Search = new();
    private static readonly IslandGenerationOrchestrator IslandGeneration = new();
    private static readonly EvaluateCandidateOrchestrator EvaluateCandidate = new();

    [Function(nameof(SearchOrchestrator))]
    public static Task<SearchProgress> RunSearch([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Search.RunAsync(context, InputOf<SearchOrchestratorInput>(context));

    [Function(nameof(IslandGenerationOrchestrator))]
    public static Task<string> RunIslandGeneration([OrchestrationTrigger] TaskOrchestrationContext context) =>
        IslandGeneration.RunAsync(context, InputOf<IslandGenerationInput>(context));

    [Function(nameof(EvaluateCandidateOrchestrator))]
    public static Task<bool> RunEvaluateCandidate([OrchestrationTrigger] TaskOrchestrationContext context) =>
        EvaluateCandidate.RunAsync(context, InputOf<CandidateEvaluationInput>(context));

    private static T InputOf<T>(TaskOrchestrationContext context) =>
        context.GetInput<T>() ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} ({context.Name}) has no {typeof(T).Name} input.");
}
