using NasServerless.Search.Selection;

namespace NasServerless.Search.Evaluation;

/// <summary>The two objectives of the search: validation accuracy (maximised) and model size (minimised).</summary>
public static class SearchObjectives
{
    public static readonly IReadOnlyList<ObjectiveDirection> Directions = [ObjectiveDirection.Maximize, ObjectiveDirection.Minimize];

    /// <summary>A failed candidate gets the worst of both, so that it never survives over a trained one.</summary>
    public static double[] Of(Evaluation evaluation, SizeObjective size) =>
        evaluation.Failed
            ? [0, double.MaxValue]
            : [evaluation.Accuracy, size == SizeObjective.Flops ? evaluation.Flops : evaluation.Parameters];
}
