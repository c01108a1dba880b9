using NasServerless.Search.Randomness;

namespace NasServerless.Search.Tests.Support;

/// <summary>
/// Bounded polynomial mutation (Deb and Goyal 1996; bounded form as in Deb's NSGA-II code and DEAP's
/// mutPolynomialBounded), applied to each variable with <paramref name="probability"/>. Test support.
/// </summary>
public sealed class PolynomialMutation(double eta, double probability, double lower = 0.0, double upper = 1.0)
{
    public void Mutate(double[] x, DeterministicRandom rng)
    {
        var range = upper - lower;
        for (var i = 0; i < x.Length; i++)
        {
            if (!rng.Chance(probability)) continue;
            var delta1 = (x[i] - lower) / range;
            var delta2 = (upper - x[i]) / range;
            var u = rng.NextDouble();
            var power = 1.0 / (eta + 1.0);
            double deltaQ;
            if (u < 0.5)
            {
                var xy = 1.0 - delta1;
                var value = 2.0 * u + (1.0 - 2.0 * u) * Math.Pow(xy, eta + 1.0);
                deltaQ = Math.Pow(value, power) - 1.0;
            }
            else
            {
                var xy = 1.0 - delta2;
                var value = 2.0 * (1.0 - u) + 2.0 * (u - 0.5) * Math.Pow(xy, eta + 1.0);
                deltaQ = 1.0 - Math.Pow(value, power);
            }
            x[i] = Math.Clamp(x[i] + deltaQ * range, lower, upper);
        }
    }
}
