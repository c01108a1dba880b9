namespace NasServerless.Search.Selection;

/// <summary>
/// Fast non-dominated sorting (Deb et al. 2002, NSGA-II, section III-A): O(M N²) comparisons.
/// </summary>
public static class NonDominatedSorting
{
    /// <summary>
    /// Splits the individuals into Pareto fronts, best first. Each front holds individual indices in
    /// ascending order; every index appears in exactly one front. Identical objective vectors share a front.
    /// </summary>
    /// <exception cref="ArgumentException">A row has the wrong number of values or a NaN, or no directions are given.</exception>
    public static IReadOnlyList<int[]> Sort(IReadOnlyList<IReadOnlyList<double>> objectives, IReadOnlyList<ObjectiveDirection> directions)
    {
        ObjectiveMatrix.Validate(objectives, directions);
        var n = objectives.Count;
        var dominatedBy = new int[n];          // how many individuals dominate i
        var dominates = new List<int>[n];      // whom i dominates
        for (var i = 0; i < n; i++) dominates[i] = [];

        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (ParetoDominance.DominatesUnchecked(objectives[i], objectives[j], directions))
                {
                    dominates[i].Add(j);
                    dominatedBy[j]++;
                }
                else if (ParetoDominance.DominatesUnchecked(objectives[j], objectives[i], directions))
                {
                    dominates[j].Add(i);
                    dominatedBy[i]++;
                }
            }
        }

        var fronts = new List<int[]>();
        var current = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (dominatedBy[i] == 0) current.Add(i);
        }
        while (current.Count > 0)
        {
            current.Sort();
            fronts.Add([.. current]);
            var next = new List<int>();
            foreach (var p in current)
            {
                foreach (var q in dominates[p])
                {
                    if (--dominatedBy[q] == 0) next.Add(q);
                }
            }
            current = next;
        }
        return fronts;
    }
}
