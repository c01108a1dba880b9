using NasServerless.Search.Randomness;

namespace NasServerless.Trainer.Datasets;

/// <summary>
/// The standard CIFAR augmentation: a random crop of the image padded by <see cref="Padding"/> pixels of black on
/// each side (as torchvision's RandomCrop(32, padding=4) on the unnormalised image), then a horizontal flip with
/// probability 1/2. Every draw comes from the generator passed in, three per image (dy, dx, flip), so a seeded
/// generator gives the same batches every time.
/// </summary>
public sealed class CifarAugmentation(int padding = 4, bool horizontalFlip = true)
{
    public int Padding { get; } = padding >= 0 ? padding : throw new ArgumentOutOfRangeException(nameof(padding), padding, "must not be negative");

    public bool HorizontalFlip { get; } = horizontalFlip;

    /// <summary>Writes an augmented copy of a normalised CHW <paramref name="image"/> into <paramref name="destination"/>.</summary>
    public void Apply(ReadOnlySpan<float> image, Span<float> destination, ImageShape shape, ChannelStats stats, DeterministicRandom random)
    {
        var (dy, dx) = (random.NextInt(2 * Padding + 1) - Padding, random.NextInt(2 * Padding + 1) - Padding);
        var flip = random.NextInt(2) == 1;
        Apply(image, destination, shape, stats, dy, dx, flip && HorizontalFlip);
    }

    /// <summary>
    /// The deterministic core: output pixel (y, x) is input pixel (y + dy, x' + dx), where x' = W - 1 - x when
    /// flipped; pixels outside the input are black (normalised). |dy|, |dx| ≤ <see cref="Padding"/>.
    /// </summary>
    public static void Apply(ReadOnlySpan<float> image, Span<float> destination, ImageShape shape, ChannelStats stats, int dy, int dx, bool flip)
    {
        if (image.Length != shape.Size || destination.Length != shape.Size) throw new ArgumentException($"image and destination must both hold {shape.Size} values ({shape}).");
        var (height, width) = (shape.Height, shape.Width);
        for (var c = 0; c < shape.Channels; c++)
        {
            var black = -stats.Mean[c] / stats.Std[c];
            var source = image.Slice(c * shape.PixelsPerChannel, shape.PixelsPerChannel);
            var target = destination.Slice(c * shape.PixelsPerChannel, shape.PixelsPerChannel);
            for (var y = 0; y < height; y++)
            {
                var sy = y + dy;
                for (var x = 0; x < width; x++)
                {
                    var sx = (flip ? width - 1 - x : x) + dx;
                    target[y * width + x] = sy >= 0 && sy < height && sx >= 0 && sx < width ? source[sy * width + sx] : black;
                }
            }
        }
    }
}
