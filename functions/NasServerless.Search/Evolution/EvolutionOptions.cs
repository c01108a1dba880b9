using NasServerless.Search.Evaluation;

namespace NasServerless.Search.Evolution;

/// <summary>
/// Every setting of the genetic algorithm, with its one default, so that configurations can be
/// compared (the reference work compared nine single-island configurations).
/// </summary>
public sealed record EvolutionOptions
{
    /// <summary>Individuals per island (μ).</summary>
    public int PopulationSize { get; init; } = 20;
    /// <summary>Offspring per island and generation (λ); defaults to the population size.</summary>
    public int? OffspringPerGeneration { get; init; }
    /// <summary>Generations after the initial one; with a budget, the search also stops when it is spent.</summary>
    public int Generations { get; init; } = 10;
    /// <summary>Distinct architectures the whole search may evaluate; null for no limit.</summary>
    public int? EvaluationBudget { get; init; }
    /// <summary>Probability that a pair of population parents is recombined (the space's crossover) before mutation.</summary>
    public double CrossoverProbability { get; init; } = 0.9;
    /// <summary>Probability that each gene of a child changes; a child always differs in at least one gene.</summary>
    public double MutationProbabilityPerGene { get; init; } = 0;
    /// <summary>Each initial individual is the minimal network mutated this many times (1,000 in the reference work).</summary>
    public int InitialMutations { get; init; } = 1000;
    /// <summary>
    /// Each island's initial population also holds the minimal network itself (unmutated): the smallest, cheapest
    /// model, which anchors the size end of the trade-off. Revisits are free, so it costs one evaluation per search.
    /// Off by default, so that every initial individual is mutated as in the reference work; on NAS-Bench-Macro it
    /// raises the share of seeds at hypervolume ratio 0.999 (budget 300) from about 70 % to about 90 %.
    /// </summary>
    public bool IncludeMinimalGenome { get; init; }
    public int TournamentSize { get; init; } = 2;
    public int Islands { get; init; } = 1;
    /// <summary>Migrate every this many generations.</summary>
    public int MigrationInterval { get; init; } = 2;
    /// <summary>Emigrants per island: its best by rank then crowding; they replace the receiver's worst.</summary>
    public int MigrationCount { get; init; } = 1;
    public MigrationTopology MigrationTopology { get; init; } = MigrationTopology.Ring;
    public SizeObjective SizeObjective { get; init; } = SizeObjective.Parameters;
    /// <summary>Tries to vary a child into an architecture not yet evaluated in this search before accepting a known one.</summary>
    public int DuplicateRetries { get; init; } = 50;
    /// <summary>
    /// After this many tries in a row from the same parents give only known (or already bred) architectures, the
    /// child is bred from newly drawn parents instead: their neighbourhood is (nearly) explored, so the budget goes
    /// to parents whose neighbours are still unknown.
    /// </summary>
    public int DuplicateRetriesPerParents { get; init; } = 10;
    /// <summary>
    /// Probability that a child is bred from the elite archive (one parent drawn from it by tournament, then
    /// mutation only) rather than from the island's population (two tournament parents, crossover, mutation).
    /// The archive holds the best fronts of everything the search has evaluated (<see cref="ArchiveFronts"/>), so no
    /// non-dominated architecture that was paid for is forgotten when a small population has no room for it.
    /// </summary>
    public double ArchiveChildProbability { get; init; } = 0.9;
    /// <summary>How many non-dominated fronts of the search's evaluations the elite archive keeps (1 = the front found so far).</summary>
    public int ArchiveFronts { get; init; } = 2;
    /// <summary>Tournament size for an archive parent: lowest front, then largest crowding distance within the archive (1 = uniform).</summary>
    public int ArchiveTournamentSize { get; init; } = 4;
    public long Seed { get; init; } = 1;

    public int Offspring => OffspringPerGeneration ?? PopulationSize;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Require(bool ok, string message)
        {
            if (!ok) errors.Add(message);
        }
        Require(PopulationSize is >= 2 and <= 10_000, $"{nameof(PopulationSize)}: must be 2 to 10,000");
        Require(OffspringPerGeneration is null or (>= 1 and <= 10_000), $"{nameof(OffspringPerGeneration)}: must be 1 to 10,000");
        Require(Generations is >= 0 and <= 100_000, $"{nameof(Generations)}: must be 0 to 100,000");
        Require(EvaluationBudget is null or > 0, $"{nameof(EvaluationBudget)}: must be positive");
        Require(CrossoverProbability is >= 0 and <= 1, $"{nameof(CrossoverProbability)}: must be in [0, 1]");
        Require(MutationProbabilityPerGene is >= 0 and <= 1, $"{nameof(MutationProbabilityPerGene)}: must be in [0, 1]");
        Require(InitialMutations is >= 0 and <= 100_000, $"{nameof(InitialMutations)}: must be 0 to 100,000");
        Require(TournamentSize >= 2 && TournamentSize <= PopulationSize, $"{nameof(TournamentSize)}: must be 2 to {nameof(PopulationSize)}");
        Require(Islands is >= 1 and <= 256, $"{nameof(Islands)}: must be 1 to 256");
        Require(MigrationInterval >= 1, $"{nameof(MigrationInterval)}: must be at least 1");
        Require(MigrationCount >= 0 && MigrationCount < PopulationSize, $"{nameof(MigrationCount)}: must be 0 to {nameof(PopulationSize)} - 1");
        Require(Enum.IsDefined(MigrationTopology), $"{nameof(MigrationTopology)}: unknown topology");
        Require(Enum.IsDefined(SizeObjective), $"{nameof(SizeObjective)}: unknown objective");
        Require(DuplicateRetries is >= 0 and <= 10_000, $"{nameof(DuplicateRetries)}: must be 0 to 10,000");
        Require(DuplicateRetriesPerParents is >= 1 and <= 10_000, $"{nameof(DuplicateRetriesPerParents)}: must be 1 to 10,000");
        Require(ArchiveChildProbability is >= 0 and <= 1, $"{nameof(ArchiveChildProbability)}: must be in [0, 1]");
        Require(ArchiveFronts is >= 1 and <= 100, $"{nameof(ArchiveFronts)}: must be 1 to 100");
        Require(ArchiveTournamentSize is >= 1 and <= 100, $"{nameof(ArchiveTournamentSize)}: must be 1 to 100");
        return errors;
    }

    public EvolutionOptions EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid evolution options: " + string.Join("; ", errors));
        return this;
    }
}
