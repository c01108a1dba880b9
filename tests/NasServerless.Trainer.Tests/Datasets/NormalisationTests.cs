using NasServerless.Trainer.Datasets;
using NasServerless.Trainer.Tests.Support;

namespace NasServerless.Trainer.Tests.Datasets;

public class NormalisationTests
{
    [Fact]
    public void ChannelStats_MnistTrain_MeanMatchesStatsAndStdIsTheKnownValue()
    {
        var stats = ChannelStats.Compute(RawDatasetCache.Get(DatasetName.Mnist).Train);

        Assert.Equal(33.318 / 255, stats.Mean[0], 0.00001);
        Assert.Equal(0.3081, stats.Std[0], 0.0001); // the well-known MNIST (0.1307, 0.3081)
    }

    [Fact]
    public void ChannelStats_Cifar10_ThreeChannelsWhoseAverageIsTheStatsMean()
    {
        var stats = ChannelStats.Compute(RawDatasetCache.Get(DatasetName.Cifar10).Train);

        Assert.Equal(3, stats.Mean.Count);
        Assert.Equal(121.041 / 255, stats.Mean.Average(), 0.00001); // data_batch_1 only
        Assert.True(stats.Mean[0] > stats.Mean[2], "CIFAR-10 is redder than it is blue");
    }

    [Theory]
    [InlineData(DatasetName.FashionMnist)]
    [InlineData(DatasetName.Cifar10)]
    public void Prepare_TrainingPart_HasZeroMeanAndUnitStdPerChannel(DatasetName name)
    {
        var raw = RawDatasetCache.Get(name);
        var prepared = PreparedDataset.Create(raw, TrainValidationSplit.Create(raw.Train.Count, 0.1, seed: 5));

        var train = prepared.Train;
        for (var c = 0; c < train.Shape.Channels; c++)
        {
            var (mean, std) = MeanAndStd(train, c);
            Assert.Equal(0, mean, 0.0001);
            Assert.Equal(1, std, 0.0001);
        }
    }

    [Fact]
    public void Prepare_ValidationAndTest_UseTrainingStatsNotTheirOwn()
    {
        var raw = RawDatasetCache.Get(DatasetName.Mnist);
        var prepared = PreparedDataset.Create(raw, TrainValidationSplit.Create(raw.Train.Count, 1000, seed: 5));

        var stats = prepared.Stats;
        Assert.Same(stats, prepared.Validation.Stats);
        Assert.Same(stats, prepared.Test.Stats);
        var index = 17;
        var expected = (raw.Test.Image(index)[300] / 255f - stats.Mean[0]) / stats.Std[0];
        Assert.Equal(expected, prepared.Test.Image(index)[300]);
        Assert.Equal(raw.Test.Labels[index], prepared.Test.Labels[index]);
        Assert.Equal(59000, prepared.Train.Count);
        Assert.Equal(1000, prepared.Validation.Count);
    }

    [Fact]
    public void Prepare_ValidationImages_AreTheSplitImagesOfTheTrainingSet()
    {
        var raw = RawDatasetCache.Get(DatasetName.Mnist);
        var split = TrainValidationSplit.Create(raw.Train.Count, 500, seed: 9);
        var prepared = PreparedDataset.Create(raw, split);

        var source = split.ValidationIndices[123];
        Assert.Equal(raw.Train.Labels[source], prepared.Validation.Labels[123]);
        var pixel = raw.Train.Image(source)[400];
        Assert.Equal((pixel / 255f - prepared.Stats.Mean[0]) / prepared.Stats.Std[0], prepared.Validation.Image(123)[400]);
    }

    private static (double Mean, double Std) MeanAndStd(LabeledImages images, int channel)
    {
        var plane = images.Shape.PixelsPerChannel;
        double sum = 0, sumOfSquares = 0;
        for (var i = 0; i < images.Count; i++)
        {
            foreach (var v in images.Image(i).Slice(channel * plane, plane))
            {
                sum += v;
                sumOfSquares += (double)v * v;
            }
        }
        var n = (double)images.Count * plane;
        var mean = sum / n;
        return (mean, Math.Sqrt(sumOfSquares / n - mean * mean));
    }
}
