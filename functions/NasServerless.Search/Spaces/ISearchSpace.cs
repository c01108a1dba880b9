using NasServerless.Search.Randomness;

namespace NasServerless.Search.Spaces;

/// <summary>
/// A pluggable search space: how genomes are made, varied, identified and stored. Every operator
/// returns a valid genome (repairing or retrying as needed) and draws only from the generator it is given.
/// </summary>
public interface ISearchSpace<TGenome> where TGenome : notnull
{
    string Name { get; }

    /// <summary>The smallest valid network: the starting point of the initial population.</summary>
    TGenome Minimal();

    /// <summary>A valid child differing from <paramref name="parent"/>, each gene changed with <paramref name="perGeneProbability"/> (at least one change).</summary>
    TGenome Mutate(TGenome parent, DeterministicRandom rng, double perGeneProbability);

    /// <summary>Two valid children by one-point crossover of the parents' gene lists.</summary>
    (TGenome First, TGenome Second) Crossover(TGenome first, TGenome second, DeterministicRandom rng);

    /// <summary>Stable content hash: the genome's identity in the search.</summary>
    string Id(TGenome genome);

    /// <summary>Edit distance between the gene lists (insertions, deletions, substitutions).</summary>
    int Distance(TGenome first, TGenome second);

    string ToJson(TGenome genome);

    TGenome Parse(string json);
}
