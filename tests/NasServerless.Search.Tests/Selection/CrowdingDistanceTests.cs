using NasServerless.Search.Selection;

namespace NasServerless.Search.Tests.Selection;

public class CrowdingDistanceTests
{
    // Both ranges are 10. By objective 0 the inner gaps are 3, 5, 7; by objective 1 (order 4, 3, 2, 1, 0) they are
    // 4 (member 3), 5 (member 2), 6 (member 1). Totals: member 1 = 0.3 + 0.6, member 2 = 0.5 + 0.5, member 3 = 0.7 + 0.4.
    private static readonly double[][] FivePointFront = [[0, 10], [1, 6], [3, 4], [6, 1], [10, 0]];

    [Fact]
    public void Compute_FivePoints_BoundariesInfiniteInnerByHand()
    {
        var distances = CrowdingDistance.Compute(FivePointFront, [0, 1, 2, 3, 4]);

        Assert.Equal(double.PositiveInfinity, distances[0]);
        Assert.Equal(0.9, distances[1], 12);
        Assert.Equal(1.0, distances[2], 12);
        Assert.Equal(1.1, distances[3], 12);
        Assert.Equal(double.PositiveInfinity, distances[4]);
    }

    [Fact]
    public void Compute_FrontGivenOutOfOrder_DistancesFollowFrontOrder()
    {
        var distances = CrowdingDistance.Compute(FivePointFront, [2, 4, 0, 3, 1]);

        Assert.Equal(1.0, distances[0], 12);
        Assert.Equal(double.PositiveInfinity, distances[1]);
        Assert.Equal(double.PositiveInfinity, distances[2]);
        Assert.Equal(1.1, distances[3], 12);
        Assert.Equal(0.9, distances[4], 12);
    }

    [Fact]
    public void Compute_SubsetOfRows_NormalisesByTheFrontsRange()
    {
        double[][] objectives = [[100, 100], [0, 4], [1, 2], [2, 0]];

        var distances = CrowdingDistance.Compute(objectives, [1, 2, 3]);

        // Member 2: (2 - 0) / 2 + (4 - 0) / 4 = 2; row 0 is not in the front and plays no part.
        Assert.Equal([double.PositiveInfinity, 2.0, double.PositiveInfinity], distances);
    }

    [Fact]
    public void Compute_ZeroRangeObjective_ContributesNothing()
    {
        double[][] objectives = [[1, 0], [2, 0], [3, 0]];

        var distances = CrowdingDistance.Compute(objectives, [0, 1, 2]);

        Assert.Equal([double.PositiveInfinity, 1.0, double.PositiveInfinity], distances);
    }

    [Fact]
    public void Compute_Duplicates_TiesBrokenByIndexDeterministically()
    {
        double[][] objectives = [[1, 1], [1, 1], [1, 1], [1, 1]];

        Assert.Equal([double.PositiveInfinity, 0, 0, double.PositiveInfinity], CrowdingDistance.Compute(objectives, [0, 1, 2, 3]));
        Assert.Equal([0, double.PositiveInfinity, double.PositiveInfinity, 0], CrowdingDistance.Compute(objectives, [2, 3, 0, 1]));
    }

    [Fact]
    public void Compute_OneOrTwoMembers_AllInfinite()
    {
        double[][] objectives = [[1, 2], [2, 1]];
        Assert.Equal([double.PositiveInfinity], CrowdingDistance.Compute(objectives, [1]));
        Assert.Equal([double.PositiveInfinity, double.PositiveInfinity], CrowdingDistance.Compute(objectives, [0, 1]));
        Assert.Empty(CrowdingDistance.Compute(objectives, []));
    }

    [Fact]
    public void Compute_IndexOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => CrowdingDistance.Compute([[1.0, 2.0]], [0, 1]));
    }
}
