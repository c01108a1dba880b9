using NasServerless.Trainer.Datasets;
using NasServerless.Trainer.Tests.Support;

namespace NasServerless.Trainer.Tests.Datasets;

public class DatasetLoaderTests
{
    private static readonly IReadOnlyDictionary<(string Dataset, string Part), DatasetStats> Stats =
        DatasetStats.Load(Path.Combine(SharedDatasets.Root, "STATS.txt"));

    [Fact]
    public void SharedManifest_EveryListedFile_Verifies()
    {
        var manifest = Sha256Manifest.Load(SharedDatasets.ManifestPath);
        Assert.True(manifest.Entries.Count >= 12, $"only {manifest.Entries.Count} entries in {manifest.ManifestPath}");
        foreach (var path in manifest.Entries.Keys) manifest.Verify(path);
    }

    [Theory]
    [InlineData(DatasetName.Mnist)]
    [InlineData(DatasetName.FashionMnist)]
    public void LoadRaw_IdxDataset_CountsHistogramsAndMeansMatchStats(DatasetName name)
    {
        var raw = RawDatasetCache.Get(name);

        AssertMatches(Stats[(name.ToId(), "train")], raw.Train);
        AssertMatches(Stats[(name.ToId(), "t10k")], raw.Test);
        Assert.Equal(new ImageShape(1, 28, 28), raw.Train.Shape);
    }

    [Fact]
    public void LoadRaw_Cifar10_ReadsEveryPresentBatchAndMatchesStats()
    {
        var loader = RawDatasetCache.SharedLoader();
        var raw = RawDatasetCache.Get(DatasetName.Cifar10);

        var batches = loader.FilesOf(DatasetName.Cifar10).SkipLast(1).Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.Contains("data_batch_1", batches);
        var expectedTrain = batches.Select(b => Stats[("cifar-10", b!)]).ToList();
        Assert.Equal(expectedTrain.Sum(s => s.Count), raw.Train.Count);
        Assert.Equal(
            Enumerable.Range(0, 10).Select(c => expectedTrain.Sum(s => s.Histogram[c])),
            raw.Train.LabelHistogram());
        AssertMatches(Stats[("cifar-10", "test_batch")], raw.Test);
        Assert.Equal(new ImageShape(3, 32, 32), raw.Test.Shape);
    }

    [Fact]
    public void LoadRaw_Cifar10_FirstRecordIsTheFileFirstBytes()
    {
        var raw = RawDatasetCache.Get(DatasetName.Cifar10);
        var path = Path.Combine(SharedDatasets.Root, "cifar-10", "cifar-10-batches-bin", "test_batch.bin");
        var record = new byte[3073];
        using (var file = File.OpenRead(path)) file.ReadExactly(record);

        Assert.Equal(record[0], raw.Test.Labels[0]);
        Assert.True(record.AsSpan(1).SequenceEqual(raw.Test.Image(0)));
    }

    private static void AssertMatches(DatasetStats expected, RawImages actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Histogram, actual.LabelHistogram());
        var mean = actual.Pixels.Average(p => (double)p);
        Assert.Equal(expected.PixelMean, mean, 0.0006);
    }
}
