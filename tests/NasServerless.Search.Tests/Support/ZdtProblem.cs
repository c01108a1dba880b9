using NasServerless.Search.Selection;

namespace NasServerless.Search.Tests.Support;

/// <summary>
/// The ZDT two-objective test problems (Zitzler, Deb, Thiele 2000), both objectives minimised, variables in [0, 1].
/// Test support only: used to check that the NSGA-II primitives converge to a known front.
/// </summary>
public sealed class ZdtProblem
{
    private readonly Func<double, double, double> _h; // h(f1, g)
    private readonly Func<double, double> _front;     // f2 on the optimal curve (g = 1), before dominance filtering

    private ZdtProblem(string name, int variables, Func<double, double, double> h, Func<double, double> front)
    {
        Name = name;
        Variables = variables;
        _h = h;
        _front = front;
    }

    /// <summary>Convex front f2 = 1 - sqrt(f1).</summary>
    public static ZdtProblem Zdt1 { get; } = new("ZDT1", 30, (f1, g) => 1 - Math.Sqrt(f1 / g), f1 => 1 - Math.Sqrt(f1));

    /// <summary>Concave front f2 = 1 - f1².</summary>
    public static ZdtProblem Zdt2 { get; } = new("ZDT2", 30, (f1, g) => 1 - (f1 / g) * (f1 / g), f1 => 1 - f1 * f1);

    /// <summary>Disconnected front: the non-dominated part of f2 = 1 - sqrt(f1) - f1 sin(10π f1).</summary>
    public static ZdtProblem Zdt3 { get; } = new(
        "ZDT3",
        30,
        (f1, g) => 1 - Math.Sqrt(f1 / g) - (f1 / g) * Math.Sin(10 * Math.PI * f1),
        f1 => 1 - Math.Sqrt(f1) - f1 * Math.Sin(10 * Math.PI * f1));

    public string Name { get; }

    public int Variables { get; }

    public (double F1, double F2) Evaluate(IReadOnlyList<double> x)
    {
        if (x.Count != Variables) throw new ArgumentException($"{Name} takes {Variables} variables, got {x.Count}", nameof(x));
        var f1 = x[0];
        var sum = 0.0;
        for (var i = 1; i < x.Count; i++) sum += x[i];
        var g = 1 + 9 * sum / (x.Count - 1);
        return (f1, g * _h(f1, g));
    }

    /// <summary>The optimal front sampled at <paramref name="samples"/> evenly spaced f1 in [0, 1], dominated points removed.</summary>
    public IReadOnlyList<(double X, double Y)> ExactFront(int samples)
    {
        var points = Enumerable.Range(0, samples).Select(i =>
        {
            var f1 = (double)i / (samples - 1);
            return (f1, _front(f1));
        });
        return Hypervolume.NonDominated2D(points);
    }

    public override string ToString() => Name;
}
