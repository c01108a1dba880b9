namespace NasServerless.Search.Selection;

/// <summary>
/// Hypervolume (the S-metric, Zitzler and Thiele 1998; used to compare NSGA-II fronts as in Deb et al. 2002)
/// for two objectives, both minimised. Maximised objectives are negated by the caller.
/// </summary>
public static class Hypervolume
{
    /// <summary>
    /// The area dominated by <paramref name="points"/> and bounded by <paramref name="reference"/>, by an
    /// exact sweep in O(N log N). Points that are not strictly better than the reference in both
    /// coordinates contribute nothing; dominated points and duplicates are harmless.
    /// </summary>
    /// <exception cref="ArgumentException">A point or the reference has a NaN.</exception>
    public static double Compute2D(IEnumerable<(double X, double Y)> points, (double X, double Y) reference)
    {
        if (double.IsNaN(reference.X) || double.IsNaN(reference.Y)) throw new ArgumentException("reference point has a NaN", nameof(reference));
        var inside = Checked(points).Where(p => p.X < reference.X && p.Y < reference.Y);
        var area = 0.0;
        var floor = reference.Y;
        foreach (var (x, y) in NonDominated2D(inside))
        {
            area += (reference.X - x) * (floor - y);
            floor = y;
        }
        return area;
    }

    /// <summary>
    /// The non-dominated subset under minimisation of both coordinates, duplicates collapsed,
    /// sorted by X ascending (so Y strictly descending).
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> NonDominated2D(IEnumerable<(double X, double Y)> points)
    {
        var sorted = Checked(points).ToList();
        sorted.Sort((a, b) => a.X != b.X ? a.X.CompareTo(b.X) : a.Y.CompareTo(b.Y));
        var front = new List<(double X, double Y)>();
        foreach (var p in sorted)
        {
            if (front.Count == 0 || p.Y < front[^1].Y) front.Add(p);
        }
        return front;
    }

    private static IEnumerable<(double X, double Y)> Checked(IEnumerable<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.Select((p, i) => double.IsNaN(p.X) || double.IsNaN(p.Y)
            ? throw new ArgumentException($"point {i} has a NaN", nameof(points))
            : p);
    }
}
