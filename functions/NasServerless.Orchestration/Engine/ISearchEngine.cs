using NasServerless.Search.Evolution;

namespace NasServerless.Orchestration.Engine;

/// <summary>
/// The search core seen through genome JSON, so activities need not know the genome type.
/// Every method is a pure function of its arguments and the search definition.
/// </summary>
public interface ISearchEngine
{
    /// <param name="archive">The elite archive of every evaluation before <paramref name="generation"/> (<see cref="Archive"/>), as the in-process search keeps it.</param>
    GenerationPlanDocument Plan(int generation, IReadOnlyList<IReadOnlyList<PopulationMember>>? populations, IReadOnlySet<string> known, int spent, IReadOnlyList<PopulationMember>? archive);

    /// <summary>The elite archive of these evaluations: Archive(Archive(a) ∪ b) = Archive(a ∪ b), so it is kept per generation.</summary>
    IReadOnlyList<PopulationMember> Archive(IEnumerable<PopulationMember> evaluated);

    IReadOnlyList<PopulationMember> SelectSurvivors(IReadOnlyList<PopulationMember> population, IReadOnlyList<PopulationMember> offspring);

    IReadOnlyList<IReadOnlyList<PopulationMember>> Migrate(IReadOnlyList<IReadOnlyList<PopulationMember>> islands);

    IReadOnlyList<PopulationMember> Front(IEnumerable<PopulationMember> evaluated);

    /// <summary>Distinct ids, mean pairwise edit distance and size range of genomes (size where the space knows it analytically).</summary>
    PopulationDiversity Diversity(IReadOnlyList<string> genomes);

    /// <summary>Analytic size where the space has one (layer-list); null otherwise.</summary>
    (long Parameters, long Flops)? AnalyticSize(string genome);
}
