using NasServerless.Search.Evaluation;
using NasServerless.Search.Selection;

namespace NasServerless.Search.Evolution;

/// <summary>
/// Island migration: each island sends copies of its best individuals (by rank, then crowding) to its
/// neighbours, where they replace the worst. All emigrants are chosen before any island changes,
/// so the result does not depend on island order.
/// </summary>
public static class Migration
{
    public static IReadOnlyList<IReadOnlyList<Individual<TGenome>>> Apply<TGenome>(
        IReadOnlyList<IReadOnlyList<Individual<TGenome>>> islands, EvolutionOptions options)
    {
        var k = islands.Count;
        if (k < 2 || options.MigrationCount == 0) return islands;
        var emigrants = islands.Select(pop => Nsga2.Best(Rank(pop, options), Math.Min(options.MigrationCount, pop.Count)).Select(i => pop[i]).ToList()).ToList();
        var result = new List<IReadOnlyList<Individual<TGenome>>>(k);
        for (var target = 0; target < k; target++)
        {
            var incoming = Sources(target, k, options.MigrationTopology).SelectMany(s => emigrants[s]).ToList();
            result.Add(Receive(islands[target], incoming, options));
        }
        return result;
    }

    private static IEnumerable<int> Sources(int target, int k, MigrationTopology topology) => topology switch
    {
        MigrationTopology.Ring => [(target - 1 + k) % k],
        MigrationTopology.FullyConnected => Enumerable.Range(0, k).Where(s => s != target),
        _ => throw new ArgumentOutOfRangeException(nameof(topology), topology, null),
    };

    private static IReadOnlyList<Individual<TGenome>> Receive<TGenome>(IReadOnlyList<Individual<TGenome>> population, List<Individual<TGenome>> incoming, EvolutionOptions options)
    {
        var present = population.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var newcomers = incoming.Where(i => present.Add(i.Id)).ToList();
        if (newcomers.Count == 0) return population;
        var replaced = Nsga2.Worst(Rank(population, options), Math.Min(newcomers.Count, population.Count - 1)).ToHashSet();
        return population.Where((_, index) => !replaced.Contains(index)).Concat(newcomers.Take(replaced.Count)).ToList();
    }

    private static Ranking Rank<TGenome>(IReadOnlyList<Individual<TGenome>> population, EvolutionOptions options) =>
        Nsga2.Rank(population.Select(i => (IReadOnlyList<double>)SearchObjectives.Of(i.Evaluation, options.SizeObjective)).ToList(), SearchObjectives.Directions);
}
