namespace NasServerless.Search.Evolution;

/// <summary>The outcome of a whole search: every distinct evaluation in order, the final islands and the front of everything evaluated.</summary>
public sealed record SearchRun<TGenome>(
    EvolutionOptions Options,
    IReadOnlyList<Individual<TGenome>> Evaluations,
    IReadOnlyList<IReadOnlyList<Individual<TGenome>>> Islands,
    IReadOnlyList<Individual<TGenome>> Front,
    int GenerationsCompleted,
    int ReusedEvaluations);
