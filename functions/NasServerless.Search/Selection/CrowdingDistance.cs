namespace NasServerless.Search.Selection;

/// <summary>
/// Crowding distance within one front (Deb et al. 2002, NSGA-II, section III-B): for each objective, the
/// normalised gap between a member's two neighbours, summed; the extremes of each objective get +∞.
/// </summary>
public static class CrowdingDistance
{
    /// <summary>
    /// Distances for the members of <paramref name="front"/> (indices into <paramref name="objectives"/>),
    /// in the order of <paramref name="front"/>. Per objective the members are sorted by value, ties by
    /// index (so the result is deterministic); the first and last get +∞ and the others the gap between
    /// their neighbours divided by the front's range. An objective with zero (or infinite) range adds
    /// nothing to the inner members. Fronts of one or two members are all +∞.
    /// </summary>
    public static double[] Compute(IReadOnlyList<IReadOnlyList<double>> objectives, IReadOnlyList<int> front)
    {
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentNullException.ThrowIfNull(front);
        var size = front.Count;
        var distance = new double[size];
        if (size == 0) return distance;

        var seen = new HashSet<int>();
        foreach (var index in front)
        {
            if (index < 0 || index >= objectives.Count)
            {
                throw new ArgumentException($"front member {index} is not an index into {objectives.Count} rows", nameof(front));
            }
            if (!seen.Add(index)) throw new ArgumentException($"front member {index} appears twice", nameof(front));
        }
        var objectiveCount = objectives[front[0]]?.Count ?? 0;
        var rows = front.Select(i => objectives[i]).ToArray();
        ObjectiveMatrix.Validate(rows, objectiveCount, nameof(objectives));

        var order = new int[size]; // positions in front
        for (var m = 0; m < objectiveCount; m++)
        {
            for (var k = 0; k < size; k++) order[k] = k;
            var objective = m;
            Array.Sort(order, (x, y) =>
            {
                var byValue = rows[x][objective].CompareTo(rows[y][objective]);
                return byValue != 0 ? byValue : front[x].CompareTo(front[y]);
            });

            distance[order[0]] = double.PositiveInfinity;
            distance[order[size - 1]] = double.PositiveInfinity;
            var range = rows[order[size - 1]][m] - rows[order[0]][m];
            if (range <= 0 || !double.IsFinite(range)) continue;
            for (var k = 1; k < size - 1; k++)
            {
                distance[order[k]] += (rows[order[k + 1]][m] - rows[order[k - 1]][m]) / range;
            }
        }
        return distance;
    }
}
