using NasServerless.Search.Randomness;
using TorchSharp;
using static TorchSharp.torch;

namespace NasServerless.Trainer.Datasets;

/// <summary>The one place where dataset images become torch tensors: a float32 NCHW batch and int64 labels.</summary>
public static class TensorBatch
{
    /// <summary>
    /// Images at <paramref name="indices"/> as a [N, C, H, W] float32 tensor and their labels as a [N] int64 tensor,
    /// on <paramref name="device"/> (CPU by default). The caller owns (or dispose-scopes) both tensors.
    /// </summary>
    public static (Tensor Images, Tensor Labels) Create(
        LabeledImages data,
        ReadOnlySpan<int> indices,
        CifarAugmentation? augmentation = null,
        DeterministicRandom? random = null,
        Device? device = null)
    {
        var shape = data.Shape;
        var images = new float[indices.Length * shape.Size];
        var labels = new long[indices.Length];
        data.CopyBatch(indices, images, labels, augmentation, random);

        var imageTensor = torch.tensor(images, [indices.Length, shape.Channels, shape.Height, shape.Width], device: device);
        var labelTensor = torch.tensor(labels, [indices.Length], device: device);
        return (imageTensor, labelTensor);
    }
}
