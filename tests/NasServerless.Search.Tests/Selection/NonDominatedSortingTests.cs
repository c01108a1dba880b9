using FsCheck.Xunit;
using NasServerless.Search.Randomness;
using NasServerless.Search.Selection;

namespace NasServerless.Search.Tests.Selection;

public class NonDominatedSortingTests
{
    private static readonly ObjectiveDirection[] MinimiseBoth = [ObjectiveDirection.Minimize, ObjectiveDirection.Minimize];

    [Fact]
    public void Sort_HandMadeSetWithDuplicate_FrontsBestFirstIndicesAscending()
    {
        double[][] objectives =
        [
            [1, 5], // 0: front 0
            [2, 3], // 1: front 0
            [3, 1], // 2: front 0
            [2, 4], // 3: dominated only by 1 and 5
            [4, 4], // 4: dominated by 3
            [2, 3], // 5: duplicate of 1, same front
            [5, 5], // 6: dominated by 4
        ];

        var fronts = NonDominatedSorting.Sort(objectives, MinimiseBoth);

        Assert.Equal([[0, 1, 2, 5], [3], [4], [6]], fronts);
    }

    [Fact]
    public void Sort_ThreeObjectivesMixedDirections_ExpectedFronts()
    {
        ObjectiveDirection[] directions = [ObjectiveDirection.Minimize, ObjectiveDirection.Maximize, ObjectiveDirection.Minimize];
        double[][] objectives =
        [
            [1, 10, 5], // 0
            [2, 10, 5], // 1: dominated by 0
            [1, 9, 1],  // 2: trades objective 1 for objective 2 against 0
            [0, 5, 9],  // 3: best in objective 0
            [2, 8, 6],  // 4: dominated by 0, 1 and 2
        ];

        var fronts = NonDominatedSorting.Sort(objectives, directions);

        Assert.Equal([[0, 2, 3], [1], [4]], fronts);
    }

    [Fact]
    public void Sort_MaximiseAccuracyMinimiseParameters_FrontFollowsDirections()
    {
        ObjectiveDirection[] directions = [ObjectiveDirection.Maximize, ObjectiveDirection.Minimize];
        double[][] objectives = [[90, 1000], [92, 2000], [91, 3000], [85, 500]];

        var fronts = NonDominatedSorting.Sort(objectives, directions);

        Assert.Equal([[0, 1, 3], [2]], fronts);
    }

    [Fact]
    public void Sort_AllIdentical_SingleFront()
    {
        double[][] objectives = [[1, 1], [1, 1], [1, 1]];
        Assert.Equal([[0, 1, 2]], NonDominatedSorting.Sort(objectives, MinimiseBoth));
    }

    [Fact]
    public void Sort_Empty_NoFronts()
    {
        Assert.Empty(NonDominatedSorting.Sort([], MinimiseBoth));
    }

    [Fact]
    public void Sort_RowWithWrongLength_ThrowsNamingTheRow()
    {
        double[][] objectives = [[1, 2], [1, 2, 3]];
        var error = Assert.Throws<ArgumentException>(() => NonDominatedSorting.Sort(objectives, MinimiseBoth));
        Assert.Contains("row 1", error.Message);
    }

    [Fact]
    public void Sort_NaN_ThrowsNamingTheRow()
    {
        double[][] objectives = [[1, 2], [3, 4], [double.NaN, 0]];
        var error = Assert.Throws<ArgumentException>(() => NonDominatedSorting.Sort(objectives, MinimiseBoth));
        Assert.Contains("row 2", error.Message);
    }

    [Fact]
    public void Sort_NoDirections_Throws()
    {
        Assert.Throws<ArgumentException>(() => NonDominatedSorting.Sort([[1.0]], []));
    }

    [Fact]
    public void Sort_TwoHundredIndividuals_IsFast()
    {
        var rng = new DeterministicRandom(3);
        var objectives = Enumerable.Range(0, 200).Select(_ => (IReadOnlyList<double>)[rng.NextDouble(), rng.NextDouble()]).ToArray();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 10; i++) NonDominatedSorting.Sort(objectives, MinimiseBoth);
        Assert.True(watch.ElapsedMilliseconds < 1000, $"10 sorts of 200 took {watch.ElapsedMilliseconds} ms");
    }

    [Property(MaxTest = 300)]
    public bool Sort_AnyPopulation_FrontsPartitionAndRespectDominance((byte A, byte B, byte C)[] points, bool maximiseSecond)
    {
        ObjectiveDirection[] directions = [ObjectiveDirection.Minimize, maximiseSecond ? ObjectiveDirection.Maximize : ObjectiveDirection.Minimize, ObjectiveDirection.Minimize];
        // Small value ranges so that ties and duplicates are common.
        var objectives = points.Select(p => (IReadOnlyList<double>)[p.A % 4, p.B % 5, p.C % 3]).ToArray();

        var fronts = NonDominatedSorting.Sort(objectives, directions);

        var all = fronts.SelectMany(f => f).ToArray();
        if (!all.Order().SequenceEqual(Enumerable.Range(0, objectives.Length))) return false;
        if (fronts.Any(f => f.Length == 0 || !f.SequenceEqual(f.Order()))) return false;
        for (var k = 0; k < fronts.Count; k++)
        {
            foreach (var q in fronts[k])
            {
                // Nothing in this or a later front dominates q ...
                if (fronts.Skip(k).SelectMany(f => f).Any(p => ParetoDominance.Dominates(objectives[p], objectives[q], directions))) return false;
                // ... and something in the previous front does.
                if (k > 0 && !fronts[k - 1].Any(p => ParetoDominance.Dominates(objectives[p], objectives[q], directions))) return false;
            }
        }
        return true;
    }
}
