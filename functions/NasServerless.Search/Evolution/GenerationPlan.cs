namespace NasServerless.Search.Evolution;

/// <summary>Why a bred candidate takes part in selection.</summary>
public enum CandidateDisposition
{
    /// <summary>A new architecture: evaluated now, costing one unit of budget.</summary>
    New,
    /// <summary>Evaluated in an earlier generation: its result is reused for free.</summary>
    Known,
    /// <summary>Also bred by an earlier island (or earlier in this island) this generation: evaluated once, by its owner.</summary>
    Shared,
}

public sealed record PlannedCandidate<TGenome>(string Id, TGenome Genome, CandidateDisposition Disposition, int OwnerIsland);

/// <summary>
/// Which candidates of one generation are evaluated, reused or dropped, for all islands at once:
/// islands breed from the state at the generation's start; candidates are taken island by island in
/// order; a new architecture costs one unit of budget and those past the budget are dropped. Being a
/// pure function of (populations, known ids, elite archive, budget spent, seed), every island of a distributed host
/// can compute it and take its own share, and the in-process search uses the very same code.
/// </summary>
public sealed record GenerationPlan<TGenome>(int Generation, IReadOnlyList<IReadOnlyList<PlannedCandidate<TGenome>>> Islands)
    where TGenome : notnull
{
    /// <summary>New architectures in budget order (island by island).</summary>
    public IEnumerable<PlannedCandidate<TGenome>> NewEvaluations => Islands.SelectMany(i => i).Where(c => c.Disposition == CandidateDisposition.New);

    /// <param name="populations">The islands' populations at the start of the generation; null for generation 0 (initial genomes).</param>
    /// <param name="isKnown">Whether an id was evaluated in an earlier generation of this search.</param>
    /// <param name="spent">Distinct evaluations made before this generation.</param>
    /// <param name="archive">
    /// <see cref="IslandEvolution{TGenome}.Archive"/> of every evaluation made before this generation (all islands), as
    /// <see cref="InProcessSearch{TGenome}"/> keeps it; null: each island's population stands in for it, which gives a
    /// valid search but not the in-process one.
    /// </param>
    public static GenerationPlan<TGenome> Create(
        IslandEvolution<TGenome> evolution,
        int generation,
        IReadOnlyList<IReadOnlyList<Individual<TGenome>>>? populations,
        Func<string, bool> isKnown,
        int spent,
        IReadOnlyList<Individual<TGenome>>? archive = null)
    {
        var options = evolution.Options;
        if (generation == 0 != (populations is null)) throw new ArgumentException("generation 0 takes no populations; later generations need them", nameof(populations));
        if (populations is not null && populations.Count != options.Islands) throw new ArgumentException($"expected {options.Islands} island populations, got {populations.Count}", nameof(populations));

        var budgetLeft = options.EvaluationBudget is { } budget ? Math.Max(0, budget - spent) : int.MaxValue;
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        var islands = new List<IReadOnlyList<PlannedCandidate<TGenome>>>(options.Islands);
        for (var island = 0; island < options.Islands; island++)
        {
            var bred = populations is null ? evolution.InitialGenomes(island) : evolution.Breed(populations[island], archive ?? [], island, generation, isKnown);
            var planned = new List<PlannedCandidate<TGenome>>(bred.Count);
            foreach (var genome in bred)
            {
                var id = evolution.Space.Id(genome);
                if (isKnown(id))
                    planned.Add(new PlannedCandidate<TGenome>(id, genome, CandidateDisposition.Known, -1));
                else if (owners.TryGetValue(id, out var owner))
                    planned.Add(new PlannedCandidate<TGenome>(id, genome, CandidateDisposition.Shared, owner));
                else if (budgetLeft > 0)
                {
                    budgetLeft--;
                    owners.Add(id, island);
                    planned.Add(new PlannedCandidate<TGenome>(id, genome, CandidateDisposition.New, island));
                }
            }
            islands.Add(planned);
        }
        return new GenerationPlan<TGenome>(generation, islands);
    }
}
