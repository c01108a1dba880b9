namespace NasServerless.Benchmarks;

public static class Statistics
{
    /// <summary>Linear-interpolated quantile (q in [0, 1]) of a non-empty sample.</summary>
    public static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("empty sample", nameof(values));
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

    public static double Median(IEnumerable<double> values) => Quantile(values, 0.5);

    /// <summary>Median of counts where some runs never got there (null): null when half or more never did.</summary>
    public static double? MedianOrNull(IReadOnlyList<int?> values)
    {
        var reached = values.Where(v => v is not null).Select(v => (double)v!.Value).Order().ToList();
        if (reached.Count * 2 <= values.Count) return null;
        // Runs that never reached it rank above every run that did.
        var padded = reached.Concat(Enumerable.Repeat(double.PositiveInfinity, values.Count - reached.Count)).ToList();
        return Median(padded);
    }
}
