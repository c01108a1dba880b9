namespace NasServerless.Trainer.Datasets;

/// <summary>Channels x height x width of one image (the CHW part of an NCHW batch).</summary>
public sealed record ImageShape(int Channels, int Height, int Width)
{
    public int PixelsPerChannel => Height * Width;

    public int Size => Channels * Height * Width;

    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
