using NasServerless.Search.Randomness;

namespace NasServerless.Trainer.Datasets;

/// <summary>
/// Images ready for training: float32, NCHW, normalised per channel with <see cref="Stats"/>, one byte label each.
/// Independent of torch; <see cref="TensorBatch"/> turns a batch of it into tensors.
/// </summary>
public sealed class LabeledImages
{
    private LabeledImages(ImageShape shape, float[] pixels, byte[] labels, ChannelStats stats)
    {
        Shape = shape;
        Pixels = pixels;
        Labels = labels;
        Stats = stats;
    }

    public ImageShape Shape { get; }

    /// <summary>NCHW, <see cref="Count"/> x <see cref="ImageShape.Size"/> values.</summary>
    public float[] Pixels { get; }

    public byte[] Labels { get; }

    /// <summary>The statistics these images were normalised with (those of the training split).</summary>
    public ChannelStats Stats { get; }

    public int Count => Labels.Length;

    public ReadOnlySpan<float> Image(int index) => Pixels.AsSpan(index * Shape.Size, Shape.Size);

    public static LabeledImages Normalise(RawImages images, ChannelStats stats)
    {
        var shape = images.Shape;
        if (stats.Mean.Count != shape.Channels) throw new ArgumentException($"stats have {stats.Mean.Count} channels, images {shape.Channels}.", nameof(stats));

        // A lookup table per channel: byte value -> normalised float (exact same result as computing it).
        var table = new float[shape.Channels][];
        for (var c = 0; c < shape.Channels; c++)
        {
            table[c] = new float[256];
            for (var v = 0; v < 256; v++) table[c][v] = (v / 255f - stats.Mean[c]) / stats.Std[c];
        }

        var pixels = new float[images.Pixels.LongLength];
        var plane = shape.PixelsPerChannel;
        for (long offset = 0; offset < pixels.LongLength; offset += plane)
        {
            var lookup = table[(int)(offset / plane % shape.Channels)];
            for (var k = 0; k < plane; k++) pixels[offset + k] = lookup[images.Pixels[offset + k]];
        }
        return new LabeledImages(shape, pixels, (byte[])images.Labels.Clone(), stats);
    }

    /// <summary>
    /// Copies the images at <paramref name="indices"/> into <paramref name="images"/> (NCHW) and their labels into
    /// <paramref name="labels"/>, optionally augmenting each image with draws from <paramref name="random"/>.
    /// </summary>
    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> images, Span<long> labels, CifarAugmentation? augmentation = null, DeterministicRandom? random = null)
    {
        var size = Shape.Size;
        if (images.Length != indices.Length * size) throw new ArgumentException($"image buffer holds {images.Length} values, {indices.Length * size} needed.", nameof(images));
        if (labels.Length != indices.Length) throw new ArgumentException($"label buffer holds {labels.Length} values, {indices.Length} needed.", nameof(labels));
        if (augmentation is not null && random is null) throw new ArgumentNullException(nameof(random), "augmentation needs a seeded random generator");

        for (var i = 0; i < indices.Length; i++)
        {
            var destination = images.Slice(i * size, size);
            if (augmentation is null) Image(indices[i]).CopyTo(destination);
            else augmentation.Apply(Image(indices[i]), destination, Shape, Stats, random!);
            labels[i] = Labels[indices[i]];
        }
    }
}
