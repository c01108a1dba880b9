using NasServerless.Search.Spaces;

namespace NasServerless.Search.Evolution;

/// <summary>How varied a set of genomes is: distinct ids, mean pairwise gene-list edit distance, size range.</summary>
public sealed record PopulationDiversity(int Count, int DistinctCount, double MeanPairwiseDistance, long MinParameters, long MaxParameters)
{
    public static PopulationDiversity Of<TGenome>(ISearchSpace<TGenome> space, IReadOnlyList<TGenome> genomes, Func<TGenome, long> parameters)
        where TGenome : notnull
    {
        if (genomes.Count == 0) return new PopulationDiversity(0, 0, 0, 0, 0);
        long pairs = 0, total = 0;
        for (var i = 0; i < genomes.Count; i++)
            for (var j = i + 1; j < genomes.Count; j++)
            {
                total += space.Distance(genomes[i], genomes[j]);
                pairs++;
            }
        var sizes = genomes.Select(parameters).ToList();
        return new PopulationDiversity(
            genomes.Count,
            genomes.Select(space.Id).Distinct(StringComparer.Ordinal).Count(),
            pairs == 0 ? 0 : (double)total / pairs,
            sizes.Min(),
            sizes.Max());
    }
}
