namespace NasServerless.Search.Evaluation;

/// <summary>
/// What training (or a table lookup) says about one architecture. Accuracy is a fraction in [0, 1],
/// measured on validation data (never the test set) since it drives selection. A failed candidate
/// keeps its analytic size and gets the worst accuracy, so the search goes on.
/// </summary>
public sealed record Evaluation(double Accuracy, long Parameters, long Flops, bool Failed = false, string? FailureReason = null)
{
    public static Evaluation FailedWith(string reason, long parameters, long flops) => new(0, parameters, flops, true, reason);
}
