using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using NasServerless.Orchestration.Activities;
using NasServerless.Orchestration.Messages;

namespace NasServerless.Functions.Durable;

/// <summary>
/// One <c>[ActivityTrigger]</c> per activity class, named after the class; each resolves the class from the
/// invocation's services (registered transient, as the Durable Task worker creates one per call) and runs it.
/// The <c>instanceId</c> parameter is bound from the trigger's binding data (the calling orchestration).
/// </summary>
public static class ActivityFunctions
{
    [Function(nameof(GetIslandCount))]
    public static Task<int> RunGetIslandCount([ActivityTrigger] string searchId, string instanceId, FunctionContext context) =>
        Run<GetIslandCount, string, int>(searchId, instanceId, context);

    [Function(nameof(PlanIslandGeneration))]
    public static Task<IslandPlanSummary> RunPlanIslandGeneration([ActivityTrigger] IslandGenerationInput input, string instanceId, FunctionContext context) =>
        Run<PlanIslandGeneration, IslandGenerationInput, IslandPlanSummary>(input, instanceId, context);

    [Function(nameof(EnqueueTrainingJob))]
    public static Task<bool> RunEnqueueTrainingJob([ActivityTrigger] TrainingJobRequest input, string instanceId, FunctionContext context) =>
        Run<EnqueueTrainingJob, TrainingJobRequest, bool>(input, instanceId, context);

    [Function(nameof(CheckCandidateResult))]
    public static Task<bool> RunCheckCandidateResult([ActivityTrigger] CandidateRef input, string instanceId, FunctionContext context) =>
        Run<CheckCandidateResult, CandidateRef, bool>(input, instanceId, context);

    [Function(nameof(RecordCandidateFailure))]
    public static Task<bool> RunRecordCandidateFailure([ActivityTrigger] CandidateFailure input, string instanceId, FunctionContext context) =>
        Run<RecordCandidateFailure, CandidateFailure, bool>(input, instanceId, context);

    [Function(nameof(SelectIslandSurvivors))]
    public static Task<string> RunSelectIslandSurvivors([ActivityTrigger] IslandGenerationInput input, string instanceId, FunctionContext context) =>
        Run<SelectIslandSurvivors, IslandGenerationInput, string>(input, instanceId, context);

    [Function(nameof(CompleteGeneration))]
    public static Task<GenerationSummary> RunCompleteGeneration([ActivityTrigger] CompleteGenerationInput input, string instanceId, FunctionContext context) =>
        Run<CompleteGeneration, CompleteGenerationInput, GenerationSummary>(input, instanceId, context);

    private static Task<TOutput> Run<TActivity, TInput, TOutput>(TInput input, string instanceId, FunctionContext context)
        where TActivity : TaskActivity<TInput, TOutput> where TInput : notnull =>
        context.InstanceServices.GetRequiredService<TActivity>().RunAsync(new FunctionActivityContext(typeof(TActivity).Name, instanceId), input);
}
