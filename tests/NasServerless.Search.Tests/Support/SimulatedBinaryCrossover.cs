using NasServerless.Search.Randomness;

namespace NasServerless.Search.Tests.Support;

/// <summary>
/// Bounded simulated binary crossover (Deb and Agrawal 1995; bounded form as in Deb's NSGA-II code and
/// DEAP's cxSimulatedBinaryBounded). Test support for real-coded benchmark problems.
/// </summary>
public sealed class SimulatedBinaryCrossover(double eta, double probability, double lower = 0.0, double upper = 1.0)
{
    /// <summary>Per-variable probability of recombining a pair of genes (0.5, as in Deb's code).</summary>
    private const double VariableProbability = 0.5;

    /// <summary>Two children of <paramref name="a"/> and <paramref name="b"/> (copies when no crossover happens).</summary>
    public (double[] First, double[] Second) Cross(IReadOnlyList<double> a, IReadOnlyList<double> b, DeterministicRandom rng)
    {
        var c1 = a.ToArray();
        var c2 = b.ToArray();
        if (!rng.Chance(probability)) return (c1, c2);

        for (var i = 0; i < c1.Length; i++)
        {
            if (!rng.Chance(VariableProbability)) continue;
            if (Math.Abs(c1[i] - c2[i]) <= 1e-14) continue;

            var y1 = Math.Min(c1[i], c2[i]);
            var y2 = Math.Max(c1[i], c2[i]);
            var u = rng.NextDouble();

            var beta = 1.0 + 2.0 * (y1 - lower) / (y2 - y1);
            var child1 = 0.5 * (y1 + y2 - Spread(beta, u) * (y2 - y1));
            beta = 1.0 + 2.0 * (upper - y2) / (y2 - y1);
            var child2 = 0.5 * (y1 + y2 + Spread(beta, u) * (y2 - y1));

            child1 = Math.Clamp(child1, lower, upper);
            child2 = Math.Clamp(child2, lower, upper);
            if (rng.Chance(0.5)) (child1, child2) = (child2, child1);
            c1[i] = child1;
            c2[i] = child2;
        }
        return (c1, c2);
    }

    private double Spread(double beta, double u)
    {
        var alpha = 2.0 - Math.Pow(beta, -(eta + 1.0));
        return u <= 1.0 / alpha
            ? Math.Pow(u * alpha, 1.0 / (eta + 1.0))
            : Math.Pow(1.0 / (2.0 - u * alpha), 1.0 / (eta + 1.0));
    }
}
