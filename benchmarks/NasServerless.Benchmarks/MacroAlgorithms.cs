using NasServerless.Search.Baselines;
using NasServerless.Search.Evolution;
using NasServerless.Search.Spaces.NasBenchMacro;

namespace NasServerless.Benchmarks;

/// <summary>The algorithms compared on NAS-Bench-Macro, each a function of (budget, seed) → ordered distinct evaluations.</summary>
public static class MacroAlgorithms
{
    public const int InitialMutations = 1000;

    public static readonly IReadOnlyList<string> Names = ["nsga2-1island", "nsga2-4islands", "random", "regularized-evolution"];

    public static IReadOnlyList<Individual<MacroArchitecture>> Run(string name, NasBenchMacroEvaluator evaluator, int budget, long seed)
    {
        var space = new NasBenchMacroSpace();
        return name switch
        {
            "nsga2-1island" => Nsga2(space, evaluator, new EvolutionOptions { PopulationSize = 20, Islands = 1 }, budget, seed),
            "nsga2-4islands" => Nsga2(space, evaluator, new EvolutionOptions { PopulationSize = 5, Islands = 4, MigrationInterval = 2, MigrationCount = 1, MigrationTopology = MigrationTopology.Ring }, budget, seed),
            "random" => new RandomSearch<MacroArchitecture>(space, InitialMutations, seed).Run(evaluator, budget).Evaluations,
            "regularized-evolution" => new RegularizedEvolution<MacroArchitecture>(space, 20, 5, InitialMutations, seed).Run(evaluator, budget).Evaluations,
            _ => throw new ArgumentException($"unknown algorithm '{name}'"),
        };
    }

    public static IReadOnlyList<Individual<MacroArchitecture>> Nsga2(NasBenchMacroSpace space, NasBenchMacroEvaluator evaluator, EvolutionOptions options, int budget, long seed)
    {
        // Generations is only a safety net here: the budget (or stagnation) ends the search first.
        var configured = options with { EvaluationBudget = budget, Generations = (int)Math.Min(100_000L, 100L * budget), Seed = seed, InitialMutations = InitialMutations };
        return new InProcessSearch<MacroArchitecture>(new IslandEvolution<MacroArchitecture>(space, configured)).Run(evaluator).Evaluations;
    }
}
