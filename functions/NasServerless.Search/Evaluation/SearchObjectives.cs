using NasServerless.Search.Selection;

namespace NasServerless.Search.Evaluation;

/// <summary>The two objectives of the search: validation accuracy (maximised) and model size (minimised).</summary>
public static class SearchObjectives
{
    public static readonly IReadOnlyList<ObjectiveDirection> Directions = [ObjectiveDirection.Maximize, ObjectiveDirection.Minimize];

    public static double[] Of(Evaluation evaluation, SizeObjective size) =>
        [evaluation.Accuracy, size == SizeObjective.Flops ? evaluation.Flops : evaluation.Parameters];
}
