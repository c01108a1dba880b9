using NasServerless.Search.Evaluation;
using NasServerless.Search.Randomness;
using NasServerless.Search.Selection;
using NasServerless.Search.Spaces;

namespace NasServerless.Search.Evolution;

/// <summary>
/// One island's generation as pure functions of (population, elite archive, evaluations, seed): initial genomes,
/// breeding, survivor selection. A distributed host runs them in activities and a local run calls
/// them in a loop; both get the same answer because every draw comes from
/// <see cref="DeterministicRandom.For"/> keyed by (seed, island, generation, purpose), and the archive is
/// itself a pure function of the search's evaluations (<see cref="Archive"/>).
/// </summary>
public sealed class IslandEvolution<TGenome>(ISearchSpace<TGenome> space, EvolutionOptions options) where TGenome : notnull
{
    public ISearchSpace<TGenome> Space { get; } = space;
    public EvolutionOptions Options { get; } = options.EnsureValid();

    /// <summary>
    /// Distinct genomes, each the minimal network mutated <see cref="EvolutionOptions.InitialMutations"/> times;
    /// with <see cref="EvolutionOptions.IncludeMinimalGenome"/> the first is the minimal network itself.
    /// </summary>
    public IReadOnlyList<TGenome> InitialGenomes(int island)
    {
        var rng = DeterministicRandom.For(Options.Seed, island, 0, "initial");
        var result = new List<TGenome>(Options.PopulationSize);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (Options.IncludeMinimalGenome)
        {
            var minimal = Space.Minimal();
            ids.Add(Space.Id(minimal));
            result.Add(minimal);
        }
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
    /// The elite archive of a set of evaluations: its first <see cref="EvolutionOptions.ArchiveFronts"/> non-dominated
    /// fronts (failed evaluations never count, each id once), in a canonical order (size, then accuracy descending,
    /// then id), so that the archive of the same evaluations is the same list however it was computed. Keeping only
    /// those fronts loses nothing later: <c>Archive(Archive(a) ∪ b)</c> equals <c>Archive(a ∪ b)</c>, so the archive
    /// can be updated with each generation's evaluations.
    /// </summary>
    public IReadOnlyList<Individual<TGenome>> Archive(IEnumerable<Individual<TGenome>> evaluations)
    {
        var pool = evaluations.Where(i => !i.Evaluation.Failed).DistinctBy(i => i.Id).ToList();
        if (pool.Count == 0) return [];
        var objectives = Objectives(pool);
        return NonDominatedSorting.Sort(objectives, SearchObjectives.Directions)
            .Take(Options.ArchiveFronts)
            .SelectMany(front => front)
            .OrderBy(i => objectives[i][1])
            .ThenByDescending(i => objectives[i][0])
            .ThenBy(i => pool[i].Id, StringComparer.Ordinal)
            .Select(i => pool[i])
            .ToList();
    }

    /// <summary>
    /// Offspring without the search's archive: the population's own best fronts stand in for it. A search that keeps
    /// an archive (<see cref="InProcessSearch{TGenome}"/>) calls the overload that takes it, and only that one gives its results.
    /// </summary>
    public IReadOnlyList<TGenome> Breed(IReadOnlyList<Individual<TGenome>> population, int island, int generation, Func<string, bool> isKnown) =>
        Breed(population, [], island, generation, isKnown);

    /// <summary>
    /// Offspring of one island for <paramref name="generation"/>. Each child is, with probability
    /// <see cref="EvolutionOptions.ArchiveChildProbability"/>, a mutation of one parent drawn from
    /// <paramref name="archive"/> by tournament (front, then crowding within the archive); otherwise it comes from two
    /// tournament parents of the population, crossed over with <see cref="EvolutionOptions.CrossoverProbability"/>, then
    /// mutated. A child already evaluated in the search (<paramref name="isKnown"/>) or already bred is mutated again,
    /// from newly drawn parents after <see cref="EvolutionOptions.DuplicateRetriesPerParents"/> tries, so that the
    /// budget buys new architectures.
    /// </summary>
    /// <param name="archive"><see cref="Archive"/> of every evaluation of the search before this generation (all islands); empty: the population's.</param>
    public IReadOnlyList<TGenome> Breed(IReadOnlyList<Individual<TGenome>> population, IReadOnlyList<Individual<TGenome>> archive, int island, int generation, Func<string, bool> isKnown)
    {
        ArgumentNullException.ThrowIfNull(archive);
        if (population.Count == 0) throw new ArgumentException("cannot breed from an empty population", nameof(population));
        var rng = DeterministicRandom.For(Options.Seed, island, generation, "breed");
        var ranking = Rank(population);
        var elite = archive.Count > 0 ? archive : Archive(population);
        if (elite.Count == 0) elite = population; // every member failed: breed from them all the same
        var eliteRanking = Rank(elite);

        var bred = new HashSet<string>(population.Select(p => p.Id), StringComparer.Ordinal);
        var offspring = new List<TGenome>(Options.Offspring);
        while (offspring.Count < Options.Offspring)
        {
            foreach (var drawn in Unmutated())
            {
                if (offspring.Count == Options.Offspring) break;
                var parent = drawn;
                var candidate = Space.Mutate(parent, rng, Options.MutationProbabilityPerGene);
                var id = Space.Id(candidate);
                var triesFromParent = 1;
                for (var retry = 0; retry < Options.DuplicateRetries && (bred.Contains(id) || isKnown(id)); retry++)
                {
                    if (triesFromParent == Options.DuplicateRetriesPerParents)
                    {
                        parent = Unmutated()[0];
                        triesFromParent = 0;
                    }
                    candidate = Space.Mutate(parent, rng, Options.MutationProbabilityPerGene);
                    id = Space.Id(candidate);
                    triesFromParent++;
                }
                bred.Add(id);
                offspring.Add(candidate);
            }
        }
        return offspring;

        // The genomes to be mutated into children: one archive member, or a population pair (crossed over or not).
        TGenome[] Unmutated()
        {
            if (Options.ArchiveChildProbability > 0 && rng.Chance(Options.ArchiveChildProbability))
                return [elite[Tournament(eliteRanking, Options.ArchiveTournamentSize, rng)].Genome];
            var first = population[Tournament(ranking, Options.TournamentSize, rng)].Genome;
            var second = population[Tournament(ranking, Options.TournamentSize, rng)].Genome;
            var (a, b) = rng.Chance(Options.CrossoverProbability) ? Space.Crossover(first, second, rng) : (first, second);
            return [a, b];
        }
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

    /// <summary>k-way tournament with replacement: lowest rank wins, then largest crowding distance, then the first drawn.</summary>
    private static int Tournament(Ranking ranking, int size, DeterministicRandom rng)
    {
        var n = ranking.Count;
        var best = rng.NextInt(n);
        for (var i = 1; i < Math.Min(size, n); i++)
        {
            var other = rng.NextInt(n);
            if (ranking.IsBetter(other, best)) best = other;
        }
        return best;
    }
}
