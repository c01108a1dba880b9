namespace NasServerless.Search.Spaces.LayerList;

/// <summary>Channels × height × width of one image (no batch dimension).</summary>
public readonly record struct TensorShape(int Channels, int Height, int Width)
{
    public long Elements => (long)Channels * Height * Width;

    public override string ToString() => $"{Height}x{Width}x{Channels}";

    /// <summary>Parses "28x28x1" (height x width x channels), the form datasets and CLI use.</summary>
    public static TensorShape Parse(string text)
    {
        var parts = text.Split('x');
        if (parts.Length != 3 || !int.TryParse(parts[0], out var h) || !int.TryParse(parts[1], out var w) || !int.TryParse(parts[2], out var c) || h < 1 || w < 1 || c < 1)
            throw new FormatException($"Input shape '{text}' is not HEIGHTxWIDTHxCHANNELS with positive integers, e.g. 28x28x1.");
        return new TensorShape(c, h, w);
    }

    public static readonly TensorShape Mnist = new(1, 28, 28);
    public static readonly TensorShape Cifar10 = new(3, 32, 32);
}
