using NasServerless.Search.Evaluation;
using NasServerless.Search.Selection;

namespace NasServerless.Search.Evolution;

public static class ParetoFront
{
    /// <summary>The non-dominated individuals (accuracy up, size down), smallest first, each id once; failed ones never count.</summary>
    public static IReadOnlyList<Individual<TGenome>> Of<TGenome>(IEnumerable<Individual<TGenome>> individuals, SizeObjective size)
    {
        var pool = individuals.Where(i => !i.Evaluation.Failed).DistinctBy(i => i.Id).ToList();
        if (pool.Count == 0) return [];
        var objectives = pool.Select(i => (IReadOnlyList<double>)SearchObjectives.Of(i.Evaluation, size)).ToList();
        var first = NonDominatedSorting.Sort(objectives, SearchObjectives.Directions)[0];
        return first.Select(i => pool[i])
            .OrderBy(i => SearchObjectives.Of(i.Evaluation, size)[1])
            .ThenByDescending(i => i.Evaluation.Accuracy)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
    }
}
