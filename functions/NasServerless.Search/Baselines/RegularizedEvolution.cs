using NasServerless.Search.Evaluation;
using NasServerless.Search.Evolution;
using NasServerless.Search.Randomness;
using NasServerless.Search.Spaces;

namespace NasServerless.Search.Baselines;

/// <summary>
/// Baseline: regularised (aging) evolution, Real et al., AAAI 2019. A queue of
/// <paramref name="populationSize"/> individuals; each cycle samples <paramref name="sampleSize"/>,
/// mutates the most accurate one (a single gene change), appends the child and removes the oldest.
/// Single objective (accuracy); its front is reported from everything it evaluated.
/// </summary>
public sealed class RegularizedEvolution<TGenome>(ISearchSpace<TGenome> space, int populationSize, int sampleSize, int initialMutations, long seed)
    where TGenome : notnull
{
    public SearchRun<TGenome> Run(IEvaluator<TGenome> evaluator, int budget)
    {
        if (sampleSize < 1 || sampleSize > populationSize) throw new ArgumentOutOfRangeException(nameof(sampleSize), sampleSize, "must be 1 to the population size");
        var ledger = new EvaluationLedger<TGenome>(evaluator, budget);
        var rng = DeterministicRandom.For(seed, 0, 0, "regularized-evolution");
        var population = new Queue<Individual<TGenome>>();
        for (var draws = 0; population.Count < populationSize && !ledger.Exhausted && draws < 1000 * populationSize; draws++)
        {
            var genome = IslandEvolution<TGenome>.RandomGenome(space, initialMutations, rng);
            var id = space.Id(genome);
            if (ledger.IsKnown(id)) continue;
            if (ledger.TryEvaluate(id, genome) is { } evaluation) population.Enqueue(new Individual<TGenome>(id, genome, evaluation));
        }

        var cycles = 0;
        for (; !ledger.Exhausted && population.Count > 0 && cycles < 1000 * budget; cycles++)
        {
            var members = population.ToArray();
            var parent = Enumerable.Range(0, sampleSize).Select(_ => members[rng.NextInt(members.Length)]).MaxBy(i => i.Evaluation.Accuracy)!;
            var child = space.Mutate(parent.Genome, rng, 0);
            var childId = space.Id(child);
            if (ledger.TryEvaluate(childId, child) is not { } evaluation) break;
            population.Enqueue(new Individual<TGenome>(childId, child, evaluation));
            population.Dequeue();
        }
        return BaselineRun.From(ledger, population.ToList(), cycles);
    }
}
