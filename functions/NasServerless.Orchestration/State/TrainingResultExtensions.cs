using NasServerless.Contracts;
using NasServerless.Search.Evaluation;

namespace NasServerless.Orchestration.State;

public static class TrainingResultExtensions
{
    public static Evaluation ToEvaluation(this TrainingResult result) =>
        new(result.Failed ? 0 : result.ValidationAccuracy, result.Parameters, result.Flops, result.Failed, result.FailureReason);
}
