using NasServerless.Search.Evaluation;
using NasServerless.Search.Randomness;
using NasServerless.Search.Selection;
using NasServerless.Search.Spaces;

namespace NasServerless.Search.Evolution;

/// <summary>
/// One island's generation as pure functions of (population, evaluations, seed): initial genomes,
/// breeding, survivor selection. A distributed host runs them in activities and a local run calls
/// them in a loop; both get the same answer because every draw comes from
/// <see cref="DeterministicRandom.For"/> keyed by (seed, island, generation, purpose).
/// </summary>
public sealed class IslandEvolution<TGenome>(ISearchSpace<TGenome> space, EvolutionOptions options) where TGenome : notnull
{
    public ISearchSpace<TGenome> Space { get; } = space;
    public EvolutionOptions Options { get; } = options.EnsureValid();

    /// <summary>Distinct genomes, each the minimal network mutated <see cref="EvolutionOptions.InitialMutations"/> times.</summary>
    public IReadOnlyList<TGenome> InitialGenomes(int island)
    {
        var rng = DeterministicRandom.For(Options.Seed, island, 0, "initial");
        var result = new List<TGenome>(Options.PopulationSize);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var attempts = 0;
        while (result.Count < Options.PopulationSize)
        {
            var genome = RandomGenome(Space, Options.InitialMutations, rng);
            // A tiny space may not hold enough distinct genomes: accept repeats after many tries rather than loop forever.
            if (ids.Add(Space.Id(genome)) || ++attempts > 100 * Options.PopulationSize) result.Add(genome);
        }
        return result;
    }

    /// <summary>The minimal network mutated <paramref name="mutations"/> times, one operator each.</summary>
    public static TGenome RandomGenome(ISearchSpace<TGenome> space, int mutations, DeterministicRandom rng)
    {
        var genome = space.Minimal();
        for (var i = 0; i < mutations; i++) genome = space.Mutate(genome, rng, 0);
        return genome;
    }

    /// <summary>
    /// Offspring of one island for <paramref name="generation"/>: tournament parents, crossover, mutation;
    /// children already evaluated in the search (<paramref name="isKnown"/>) or already bred are varied again
    /// so that the budget buys new architectures.
    /// </summary>
    public IReadOnlyList<TGenome> Breed(IReadOnlyList<Individual<TGenome>> population, int island, int generation, Func<string, bool> isKnown)
    {
        if (population.Count == 0) throw new ArgumentException("cannot breed from an empty population", nameof(population));
        var rng = DeterministicRandom.For(Options.Seed, island, generation, "breed");
        var ranking = Rank(population);
        var bred = new HashSet<string>(population.Select(p => p.Id), StringComparer.Ordinal);
        var offspring = new List<TGenome>(Options.Offspring);
        while (offspring.Count < Options.Offspring)
        {
            var first = population[Tournament(ranking, rng)].Genome;
            var second = population[Tournament(ranking, rng)].Genome;
            var (a, b) = rng.Chance(Options.CrossoverProbability) ? Space.Crossover(first, second, rng) : (first, second);
            foreach (var child in new[] { a, b })
            {
                if (offspring.Count == Options.Offspring) break;
                var candidate = Space.Mutate(child, rng, Options.MutationProbabilityPerGene);
                var id = Space.Id(candidate);
                for (var retry = 0; retry < Options.DuplicateRetries && (bred.Contains(id) || isKnown(id)); retry++)
                {
                    candidate = Space.Mutate(child, rng, Options.MutationProbabilityPerGene);
                    id = Space.Id(candidate);
                }
                bred.Add(id);
                offspring.Add(candidate);
            }
        }
        return offspring;
    }

    /// <summary>Elitist (μ+λ) NSGA-II replacement over parents and evaluated offspring (duplicates by id kept once).</summary>
    public IReadOnlyList<Individual<TGenome>> SelectSurvivors(IReadOnlyList<Individual<TGenome>> population, IReadOnlyList<Individual<TGenome>> offspring)
    {
        var pool = population.Concat(offspring).DistinctBy(i => i.Id).ToList();
        if (pool.Count <= Options.PopulationSize) return pool;
        var survivors = Nsga2.SelectSurvivors(Objectives(pool), SearchObjectives.Directions, Options.PopulationSize);
        return survivors.Order().Select(i => pool[i]).ToList();
    }

    public Ranking Rank(IReadOnlyList<Individual<TGenome>> population) =>
        Nsga2.Rank(Objectives(population), SearchObjectives.Directions);

    private IReadOnlyList<IReadOnlyList<double>> Objectives(IReadOnlyList<Individual<TGenome>> population) =>
        population.Select(i => (IReadOnlyList<double>)SearchObjectives.Of(i.Evaluation, Options.SizeObjective)).ToList();

    /// <summary>k-way tournament: lowest rank wins, then largest crowding distance, then the first drawn.</summary>
    private int Tournament(Ranking ranking, DeterministicRandom rng)
    {
        var n = ranking.Rank.Length;
        var best = rng.NextInt(n);
        for (var i = 1; i < Math.Min(Options.TournamentSize, n); i++)
        {
            var other = rng.NextInt(n);
            if (ranking.Rank[other] < ranking.Rank[best] || (ranking.Rank[other] == ranking.Rank[best] && ranking.Crowding[other] > ranking.Crowding[best]))
                best = other;
        }
        return best;
    }
}
