using NasServerless.Search.Randomness;
using NasServerless.Trainer.Datasets;

namespace NasServerless.Trainer.Tests.Datasets;

public class CifarAugmentationTests
{
    private static readonly ImageShape Shape = new(3, 32, 32);
    private static readonly ChannelStats Stats = new([0.5f, 0.4f, 0.3f], [0.25f, 0.2f, 0.1f]);

    [Fact]
    public void Apply_NoShiftNoFlip_IsIdentity()
    {
        var image = Ramp();
        var output = new float[Shape.Size];

        CifarAugmentation.Apply(image, output, Shape, Stats, dy: 0, dx: 0, flip: false);

        Assert.Equal(image, output);
    }

    [Fact]
    public void Apply_Shift_MovesPixelsAndFillsWithNormalisedBlack()
    {
        var image = Ramp();
        var output = new float[Shape.Size];

        CifarAugmentation.Apply(image, output, Shape, Stats, dy: 2, dx: -3, flip: false);

        // output(y, x) = input(y + 2, x - 3); columns 0..2 and rows 30..31 fall outside.
        Assert.Equal(image[At(1, 5 + 2, 10 - 3)], output[At(1, 5, 10)]);
        Assert.Equal(-0.4f / 0.2f, output[At(1, 5, 1)]);
        Assert.Equal(-0.3f / 0.1f, output[At(2, 31, 20)]);
    }

    [Fact]
    public void Apply_Flip_MirrorsEachRow()
    {
        var image = Ramp();
        var output = new float[Shape.Size];

        CifarAugmentation.Apply(image, output, Shape, Stats, dy: 0, dx: 0, flip: true);

        Assert.Equal(image[At(0, 4, 31)], output[At(0, 4, 0)]);
        Assert.Equal(image[At(2, 9, 0)], output[At(2, 9, 31)]);
    }

    [Fact]
    public void Apply_SameSeed_SameImages_DifferentSeed_DifferentImages()
    {
        var augmentation = new CifarAugmentation();
        var image = Ramp();

        var a = Augment(augmentation, image, seed: 11, times: 20);
        var b = Augment(augmentation, image, seed: 11, times: 20);
        var c = Augment(augmentation, image, seed: 12, times: 20);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Apply_ManyDraws_CoverEveryShiftAndBothFlips()
    {
        var random = new DeterministicRandom(3);
        var augmentation = new CifarAugmentation();
        var image = Ramp();
        var output = new float[Shape.Size];
        var draws = new HashSet<(int Dy, int Dx, bool Flip)>();
        for (var i = 0; i < 3000; i++)
        {
            augmentation.Apply(image, output, Shape, Stats, random);
            // Ramp() encodes each pixel's position; two neighbours at the centre reveal the draw.
            var (sy, sx) = Position(output[At(0, 16, 16)]);
            var (_, nextSx) = Position(output[At(0, 16, 17)]);
            var flip = nextSx < sx;
            var draw = (sy - 16, sx - (flip ? 15 : 16), flip);
            draws.Add(draw);

            var expected = new float[Shape.Size];
            CifarAugmentation.Apply(image, expected, Shape, Stats, draw.Item1, draw.Item2, flip);
            Assert.Equal(expected, output);
        }
        Assert.Equal(9 * 9 * 2, draws.Count);
        Assert.All(draws, d => Assert.InRange(Math.Max(Math.Abs(d.Dy), Math.Abs(d.Dx)), 0, 4));
    }

    private static (int Y, int X) Position(float rampValue)
    {
        var index = (int)Math.Round(rampValue * 100);
        return (index / 32, index % 32);
    }

    private static float[] Augment(CifarAugmentation augmentation, float[] image, ulong seed, int times)
    {
        var random = new DeterministicRandom(seed);
        var all = new float[times * Shape.Size];
        for (var i = 0; i < times; i++) augmentation.Apply(image, all.AsSpan(i * Shape.Size, Shape.Size), Shape, Stats, random);
        return all;
    }

    /// <summary>Every pixel distinct, so any move is visible.</summary>
    private static float[] Ramp() => Enumerable.Range(0, Shape.Size).Select(i => i / 100f).ToArray();

    private static int At(int c, int y, int x) => c * 1024 + y * 32 + x;
}
