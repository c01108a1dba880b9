using NasServerless.Trainer.Training;

namespace NasServerless.Trainer.Tests.Training;

public class DataOrderTests
{
    [Fact]
    public void Subset_SameSeed_SameDistinctSortedIndices()
    {
        var a = DataOrder.Subset(59_000, 2000, dataSeed: 5);
        var b = DataOrder.Subset(59_000, 2000, dataSeed: 5);

        Assert.Equal(a, b);
        Assert.Equal(2000, a.Distinct().Count());
        Assert.Equal(a.Order(), a);
        Assert.NotEqual(a, DataOrder.Subset(59_000, 2000, dataSeed: 6));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Subset_ZeroOrAll_IsEveryIndex(int subset) => Assert.Equal(Enumerable.Range(0, 100), DataOrder.Subset(100, subset, 1));

    [Fact]
    public void EpochOrder_DependsOnSeedAndEpoch_IsAPermutation()
    {
        int[] indices = [.. Enumerable.Range(0, 500).Select(i => i * 3)];

        var epoch0 = DataOrder.EpochOrder(indices, seed: 9, epoch: 0);

        Assert.Equal(epoch0, DataOrder.EpochOrder(indices, 9, 0));
        Assert.NotEqual(epoch0, DataOrder.EpochOrder(indices, 9, 1));
        Assert.NotEqual(epoch0, DataOrder.EpochOrder(indices, 10, 0));
        Assert.Equal(indices, epoch0.Order());
    }

    [Theory]
    [InlineData(500, 50, 10)]
    [InlineData(501, 50, 10)]
    [InlineData(502, 50, 11)]
    [InlineData(1, 50, 0)]
    public void StepsPerEpoch_LastBatchOfOne_IsDropped(int images, int batchSize, int steps) =>
        Assert.Equal(steps, DataOrder.StepsPerEpoch(images, batchSize));
}
