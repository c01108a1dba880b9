using System.Text.Json.Serialization;
using NasServerless.Search.Evolution;
using NasServerless.Search.Spaces.NasBenchMacro;

namespace NasServerless.Benchmarks;

/// <summary>
/// One algorithm's figures over all seeds: hypervolume ratio quartiles, best accuracy (and how many runs found the
/// best architecture), evaluations to the exact front (median; null when half or more never got there) and how many
/// runs evaluated the whole exact front within the budget.
/// </summary>
public sealed record QualitySummary(
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("hvRatioMedian")] double HvRatioMedian,
    [property: JsonPropertyName("hvRatioP25")] double HvRatioP25,
    [property: JsonPropertyName("hvRatioP75")] double HvRatioP75,
    [property: JsonPropertyName("bestAccMedian")] double BestAccMedian,
    [property: JsonPropertyName("foundBestCount")] int FoundBestCount,
    [property: JsonPropertyName("evalsToExactFrontMedian")] double? EvalsToExactFrontMedian,
    [property: JsonPropertyName("exactFrontCount")] int ExactFrontCount,
    [property: JsonPropertyName("seconds")] double Seconds)
{
    public static QualitySummary Of(string algorithm, IReadOnlyList<IReadOnlyList<Individual<MacroArchitecture>>> runs, NasBenchMacroQuality quality, double seconds)
    {
        var ratios = runs.Select(r => quality.HypervolumeRatio(r)).ToList();
        var best = runs.Select(r => r.Count == 0 ? 0 : r.Max(i => i.Evaluation.Accuracy)).ToList();
        var toExactFront = runs.Select(quality.EvaluationsToExactFront).ToList();
        return new QualitySummary(
            algorithm,
            Math.Round(Statistics.Median(ratios), 6),
            Math.Round(Statistics.Quantile(ratios, 0.25), 6),
            Math.Round(Statistics.Quantile(ratios, 0.75), 6),
            Math.Round(Statistics.Median(best) * 100, 3),
            best.Count(b => b >= quality.BestAccuracy),
            Statistics.MedianOrNull(toExactFront),
            toExactFront.Count(e => e is not null),
            Math.Round(seconds, 2));
    }
}
