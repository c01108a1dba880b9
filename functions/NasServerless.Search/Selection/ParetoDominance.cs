namespace NasServerless.Search.Selection;

/// <summary>
/// Pareto dominance over any number of objectives, each with its own direction
/// (Deb, Pratap, Agarwal, Meyarivan 2002, "A fast and elitist multiobjective genetic algorithm: NSGA-II").
/// </summary>
public static class ParetoDominance
{
    /// <summary>
    /// True when <paramref name="a"/> is no worse than <paramref name="b"/> in every objective and
    /// strictly better in at least one. Equal vectors do not dominate each other.
    /// </summary>
    public static bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<ObjectiveDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(directions);
        if (a.Count != directions.Count || b.Count != directions.Count)
        {
            throw new ArgumentException(
                $"objective vectors have {a.Count} and {b.Count} values but there are {directions.Count} directions");
        }
        return DominatesUnchecked(a, b, directions);
    }

    /// <summary>Dominance without argument checks, for callers that validated the whole population once.</summary>
    internal static bool DominatesUnchecked(IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<ObjectiveDirection> directions)
    {
        var strictlyBetter = false;
        for (var m = 0; m < directions.Count; m++)
        {
            var comparison = directions[m] == ObjectiveDirection.Minimize ? b[m].CompareTo(a[m]) : a[m].CompareTo(b[m]);
            if (comparison < 0) return false;
            if (comparison > 0) strictlyBetter = true;
        }
        return strictlyBetter;
    }
}
