using NasServerless.Search.Evaluation;
using NasServerless.Search.Evolution;
using NasServerless.Search.Randomness;
using NasServerless.Search.Spaces;

namespace NasServerless.Search.Baselines;

/// <summary>
/// Baseline: independent random architectures (each the minimal network mutated
/// <paramref name="initialMutations"/> times, as the GA's initial individuals), under the same
/// budget accounting: only distinct architectures count.
/// </summary>
public sealed class RandomSearch<TGenome>(ISearchSpace<TGenome> space, int initialMutations, long seed) where TGenome : notnull
{
    public SearchRun<TGenome> Run(IEvaluator<TGenome> evaluator, int budget)
    {
        var ledger = new EvaluationLedger<TGenome>(evaluator, budget);
        var rng = DeterministicRandom.For(seed, 0, 0, "random-search");
        // Bounded so that a space smaller than the budget ends the run instead of spinning.
        for (var draws = 0; !ledger.Exhausted && draws < 1000 * budget; draws++)
        {
            var genome = IslandEvolution<TGenome>.RandomGenome(space, initialMutations, rng);
            ledger.TryEvaluate(space.Id(genome), genome);
        }
        return BaselineRun.From(ledger, [], 0);
    }
}
