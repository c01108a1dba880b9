namespace NasServerless.Trainer.Datasets;

/// <summary>
/// Per-channel mean and standard deviation of pixel values scaled to [0, 1] (i.e. byte / 255).
/// Normalisation maps a pixel p of channel c to (p / 255 - Mean[c]) / Std[c].
/// </summary>
public sealed record ChannelStats(IReadOnlyList<float> Mean, IReadOnlyList<float> Std)
{
    /// <summary>Population mean and standard deviation over every pixel of every image, per channel.</summary>
    public static ChannelStats Compute(RawImages images)
    {
        var shape = images.Shape;
        var sum = new double[shape.Channels];
        var sumOfSquares = new double[shape.Channels];
        for (var i = 0; i < images.Count; i++)
        {
            var image = images.Image(i);
            for (var c = 0; c < shape.Channels; c++)
            {
                long s = 0, s2 = 0;
                foreach (var p in image.Slice(c * shape.PixelsPerChannel, shape.PixelsPerChannel))
                {
                    s += p;
                    s2 += p * p;
                }
                sum[c] += s;
                sumOfSquares[c] += s2;
            }
        }

        var n = (double)images.Count * shape.PixelsPerChannel;
        var mean = new float[shape.Channels];
        var std = new float[shape.Channels];
        for (var c = 0; c < shape.Channels; c++)
        {
            var m = sum[c] / n;
            var variance = Math.Max(0, sumOfSquares[c] / n - m * m);
            mean[c] = (float)(m / 255.0);
            std[c] = (float)(Math.Sqrt(variance) / 255.0);
            if (std[c] <= 0) throw new ArgumentException($"channel {c} is constant; it cannot be normalised.", nameof(images));
        }
        return new ChannelStats(mean, std);
    }
}
