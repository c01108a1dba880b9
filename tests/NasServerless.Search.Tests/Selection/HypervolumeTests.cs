using FsCheck.Xunit;
using NasServerless.Search.Selection;

namespace NasServerless.Search.Tests.Selection;

public class HypervolumeTests
{
    [Fact]
    public void Compute2D_Staircase_SumOfStrips()
    {
        // Strips: (4-1)(4-3) + (4-2)(3-2) + (4-3)(2-1) = 3 + 2 + 1.
        Assert.Equal(6.0, Hypervolume.Compute2D([(1, 3), (2, 2), (3, 1)], (4, 4)), 12);
    }

    [Fact]
    public void Compute2D_DominatedDuplicateAndOutsidePoints_ContributeNothing()
    {
        (double, double)[] points = [(3, 1), (2, 2), (1, 3), (2, 2), (3, 3), (5, 0), (0, 4), (4, 0)];
        Assert.Equal(6.0, Hypervolume.Compute2D(points, (4, 4)), 12);
    }

    [Fact]
    public void Compute2D_SinglePoint_Rectangle()
    {
        Assert.Equal(0.25 * 0.5, Hypervolume.Compute2D([(0.75, 0.5)], (1, 1)), 12);
    }

    [Fact]
    public void Compute2D_NoPoints_Zero()
    {
        Assert.Equal(0.0, Hypervolume.Compute2D([], (1, 1)));
    }

    [Fact]
    public void Compute2D_LinearFront_ApproachesTriangle()
    {
        // f2 = 1 - f1 sampled at n points, reference (1, 1): area = (1/2)(1 - 1/n) for n evenly spaced points in [0, 1).
        const int n = 1000;
        var points = Enumerable.Range(0, n).Select(i => ((double)i / n, 1.0 - (double)i / n));
        Assert.Equal(0.5 * (1 - 1.0 / n), Hypervolume.Compute2D(points, (1, 1)), 9);
    }

    [Fact]
    public void Compute2D_NaN_Throws()
    {
        Assert.Throws<ArgumentException>(() => Hypervolume.Compute2D([(double.NaN, 1)], (2, 2)));
    }

    [Fact]
    public void NonDominated2D_Mixed_StaircaseSortedByX()
    {
        (double, double)[] points = [(3, 1), (1, 3), (2, 2), (2, 2), (2, 5), (4, 4), (3, 1.5)];
        Assert.Equal([(1, 3), (2, 2), (3, 1)], Hypervolume.NonDominated2D(points));
    }

    [Property(MaxTest = 300)]
    public bool Compute2D_IntegerPoints_EqualsCountOfDominatedUnitCells((byte X, byte Y)[] raw)
    {
        const int reference = 8;
        var points = raw.Select(p => ((double)(p.X % 10), (double)(p.Y % 10))).ToArray();
        var cells = 0;
        for (var i = 0; i < reference; i++)
        {
            for (var j = 0; j < reference; j++)
            {
                if (points.Any(p => p.Item1 <= i && p.Item2 <= j)) cells++;
            }
        }
        return Hypervolume.Compute2D(points, (reference, reference)) == cells;
    }
}
