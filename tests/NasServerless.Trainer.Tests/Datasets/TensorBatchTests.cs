using NasServerless.Search.Randomness;
using NasServerless.Trainer.Datasets;
using NasServerless.Trainer.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace NasServerless.Trainer.Tests.Datasets;

/// <summary>
/// These tests load libtorch: they pass only if Directory.Build.targets patched libLibTorchSharp.so in the test
/// output (on systems whose libstdc++ lacks GLIBCXX_3.4.32, such as Debian 12).
/// </summary>
public class TensorBatchTests
{
    [Fact]
    public void Torch_AfterBuildPatch_LoadsAndComputes()
    {
        using var ones = torch.ones(2, 2);

        Assert.Equal(4f, ones.sum().item<float>());
    }

    [Fact]
    public void Create_MnistBatch_FeedsAConvolution()
    {
        using var scope = torch.NewDisposeScope();
        var raw = RawDatasetCache.Get(DatasetName.Mnist);
        var prepared = PreparedDataset.Create(raw, TrainValidationSplit.Create(raw.Train.Count, 1000, seed: 1));
        int[] indices = [0, 5, 7, 42];

        var (images, labels) = TensorBatch.Create(prepared.Train, indices);
        var conv = nn.Conv2d(1, 4, kernel_size: 3);
        var output = conv.forward(images);

        Assert.Equal(new long[] { 4, 1, 28, 28 }, images.shape);
        Assert.Equal(ScalarType.Float32, images.dtype);
        Assert.Equal(ScalarType.Int64, labels.dtype);
        Assert.Equal(new long[] { 4, 4, 26, 26 }, output.shape);
        Assert.Equal(prepared.Train.Labels[7], labels[2].item<long>());
        Assert.Equal(prepared.Train.Image(42)[300], images[3, 0, 300 / 28, 300 % 28].item<float>());
    }

    [Fact]
    public void Create_AugmentedCifarBatch_SameSeedSameTensor()
    {
        using var scope = torch.NewDisposeScope();
        var raw = RawDatasetCache.Get(DatasetName.Cifar10);
        var prepared = PreparedDataset.Create(raw, TrainValidationSplit.Create(raw.Train.Count, 1000, seed: 1));
        int[] indices = [3, 1, 4, 1, 5, 9, 2, 6];
        var augmentation = new CifarAugmentation();

        var (a, _) = TensorBatch.Create(prepared.Train, indices, augmentation, new DeterministicRandom(8));
        var (b, _) = TensorBatch.Create(prepared.Train, indices, augmentation, new DeterministicRandom(8));

        Assert.Equal(new long[] { 8, 3, 32, 32 }, a.shape);
        Assert.True(a.eq(b).all().item<bool>());
    }
}
