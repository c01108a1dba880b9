using NasServerless.Trainer.Datasets;

namespace NasServerless.Trainer.Tests.Datasets;

public class TrainValidationSplitTests
{
    [Fact]
    public void Create_SameSeed_SameSplit()
    {
        var a = TrainValidationSplit.Create(60000, 5000, seed: 42);
        var b = TrainValidationSplit.Create(60000, 5000, seed: 42);

        Assert.Equal(a.TrainIndices, b.TrainIndices);
        Assert.Equal(a.ValidationIndices, b.ValidationIndices);
    }

    [Fact]
    public void Create_DifferentSeed_DifferentValidationSet()
    {
        var a = TrainValidationSplit.Create(60000, 5000, seed: 42);
        var b = TrainValidationSplit.Create(60000, 5000, seed: 43);

        Assert.NotEqual(a.ValidationIndices, b.ValidationIndices);
    }

    [Fact]
    public void Create_AnySplit_PartitionsTheTrainingSetInAscendingOrder()
    {
        var split = TrainValidationSplit.Create(1000, 123, seed: 7);

        Assert.Equal(123, split.ValidationIndices.Count);
        Assert.Equal(877, split.TrainIndices.Count);
        Assert.Equal(Enumerable.Range(0, 1000), split.TrainIndices.Concat(split.ValidationIndices).Order());
        Assert.Equal(split.TrainIndices.Order(), split.TrainIndices);
        Assert.Equal(split.ValidationIndices.Order(), split.ValidationIndices);
    }

    [Fact]
    public void Create_KnownSeed_FixedValidationIndices_SplitIsAContract()
    {
        // Pinned: a change here changes which images every stored search validated on.
        var split = TrainValidationSplit.Create(20, 4, seed: 1);

        Assert.Equal(new[] { 9, 10, 12, 14 }, split.ValidationIndices);
    }

    [Theory]
    [InlineData(60000, 0.1, 6000)]
    [InlineData(10, 0.25, 3)]
    [InlineData(50000, 0.0, 0)]
    public void Create_Fraction_RoundsToNearestImage(int count, double fraction, int expected)
    {
        Assert.Equal(expected, TrainValidationSplit.Create(count, fraction, seed: 1).ValidationIndices.Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100)]
    public void Create_ValidationCountOutOfRange_Throws(int validationCount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainValidationSplit.Create(100, validationCount, seed: 1));
    }

    [Fact]
    public void Create_ValidationSample_IsRoughlyClassBalancedOnMnist()
    {
        var raw = Support.RawDatasetCache.Get(DatasetName.Mnist);
        var split = TrainValidationSplit.Create(raw.Train.Count, 6000, seed: 3);

        var histogram = raw.Train.Select(split.ValidationIndices).LabelHistogram();
        var full = raw.Train.LabelHistogram();
        for (var c = 0; c < 10; c++) Assert.InRange(histogram[c], full[c] / 10 - 120, full[c] / 10 + 120);
    }
}
