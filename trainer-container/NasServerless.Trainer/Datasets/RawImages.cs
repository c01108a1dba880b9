namespace NasServerless.Trainer.Datasets;

/// <summary>Images as read from disk: unsigned bytes in NCHW order, one label (0..9) per image.</summary>
public sealed class RawImages
{
    public RawImages(ImageShape shape, byte[] pixels, byte[] labels)
    {
        if (pixels.LongLength != (long)labels.Length * shape.Size)
        {
            throw new ArgumentException($"{pixels.LongLength} pixel bytes do not hold {labels.Length} images of {shape}.", nameof(pixels));
        }
        Shape = shape;
        Pixels = pixels;
        Labels = labels;
    }

    public ImageShape Shape { get; }

    /// <summary>NCHW, <see cref="Count"/> x <see cref="ImageShape.Size"/> bytes.</summary>
    public byte[] Pixels { get; }

    public byte[] Labels { get; }

    public int Count => Labels.Length;

    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * Shape.Size, Shape.Size);

    /// <summary>Number of images per class, index = label.</summary>
    public int[] LabelHistogram()
    {
        var histogram = new int[DatasetNames.ClassCount];
        foreach (var label in Labels) histogram[label]++;
        return histogram;
    }

    /// <summary>The images at <paramref name="indices"/>, in that order.</summary>
    public RawImages Select(IReadOnlyList<int> indices)
    {
        var size = Shape.Size;
        var pixels = new byte[(long)indices.Count * size];
        var labels = new byte[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Image(indices[i]).CopyTo(pixels.AsSpan(i * size, size));
            labels[i] = Labels[indices[i]];
        }
        return new RawImages(Shape, pixels, labels);
    }

    public static RawImages Concat(IReadOnlyList<RawImages> parts)
    {
        var shape = parts[0].Shape;
        if (parts.Any(p => p.Shape != shape)) throw new ArgumentException("cannot concatenate images of different shapes", nameof(parts));
        var pixels = new byte[parts.Sum(p => p.Pixels.LongLength)];
        var labels = new byte[parts.Sum(p => p.Count)];
        long pixelOffset = 0;
        var labelOffset = 0;
        foreach (var part in parts)
        {
            Array.Copy(part.Pixels, 0, pixels, pixelOffset, part.Pixels.LongLength);
            Array.Copy(part.Labels, 0, labels, labelOffset, part.Count);
            pixelOffset += part.Pixels.LongLength;
            labelOffset += part.Count;
        }
        return new RawImages(shape, pixels, labels);
    }
}
