namespace NasServerless.Orchestration.Definitions;

/// <summary>The explicit limits a submitted search must respect; the one place their defaults live.</summary>
public sealed class SearchLimits
{
    public const string SectionName = "SearchLimits";

    public int MaxPopulationSize { get; init; } = 200;
    public int MaxIslands { get; init; } = 32;
    public int MaxGenerations { get; init; } = 1_000;
    public int MaxEvaluationBudget { get; init; } = 100_000;
    public int MaxEpochs { get; init; } = 200;
    public int MaxRequestBytes { get; init; } = 64 * 1024;
    public int MaxConcurrentSearches { get; init; } = 8;
}
