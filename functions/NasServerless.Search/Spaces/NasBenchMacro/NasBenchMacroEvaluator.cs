using NasServerless.Search.Evaluation;

namespace NasServerless.Search.Spaces.NasBenchMacro;

/// <summary>Fitness by table lookup: accuracy is the mean of the three CIFAR-10 runs, as a fraction.</summary>
public sealed class NasBenchMacroEvaluator(NasBenchMacroTable table) : IEvaluator<MacroArchitecture>
{
    public Evaluation.Evaluation Evaluate(MacroArchitecture genome)
    {
        var entry = table.Get(genome.Key);
        return new Evaluation.Evaluation(entry.MeanAccuracy / 100.0, entry.Parameters, entry.Flops);
    }
}
