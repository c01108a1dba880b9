using NasServerless.Search.Evolution;
using NasServerless.Search.Selection;

namespace NasServerless.Search.Spaces.NasBenchMacro;

/// <summary>
/// Search quality on NAS-Bench-Macro, measured on everything a search evaluated: hypervolume with
/// objectives (1 − mean_acc/100, params / max params), both minimised, reference point (1, 1), as a
/// ratio to the exact front's; and how many evaluations it took to hold every exact-front point.
/// </summary>
public sealed class NasBenchMacroQuality
{
    private static readonly (double X, double Y) Reference = (1, 1);
    private readonly double _maxParameters;
    private readonly HashSet<(double Accuracy, long Parameters)> _exactFront;

    public NasBenchMacroQuality(NasBenchMacroTable table)
    {
        _maxParameters = table.MaxParameters;
        var front = table.ExactParetoFront();
        _exactFront = front.Select(e => (e.MeanAccuracy / 100.0, e.Parameters)).ToHashSet();
        ExactHypervolume = Hypervolume.Compute2D(front.Select(e => Point(e.MeanAccuracy / 100.0, e.Parameters)), Reference);
        BestAccuracy = table.Entries.Max(e => e.MeanAccuracy) / 100.0;
    }

    public double ExactHypervolume { get; }
    public double BestAccuracy { get; }

    public double HypervolumeRatio(IEnumerable<Individual<MacroArchitecture>> evaluated) =>
        Hypervolume.Compute2D(evaluated.Where(i => !i.Evaluation.Failed).Select(i => Point(i.Evaluation.Accuracy, i.Evaluation.Parameters)), Reference) / ExactHypervolume;

    /// <summary>The 1-based count of evaluations after which every exact-front point had been evaluated; null if never.</summary>
    public int? EvaluationsToExactFront(IReadOnlyList<Individual<MacroArchitecture>> history)
    {
        var missing = new HashSet<(double, long)>(_exactFront);
        for (var i = 0; i < history.Count; i++)
        {
            missing.Remove((history[i].Evaluation.Accuracy, history[i].Evaluation.Parameters));
            if (missing.Count == 0) return i + 1;
        }
        return null;
    }

    private (double X, double Y) Point(double accuracy, long parameters) => (1 - accuracy, parameters / _maxParameters);
}
