namespace NasServerless.Trainer.Datasets;

/// <summary>Converts between <see cref="DatasetName"/> and its id, the folder name used in sources and caches.</summary>
public static class DatasetNames
{
    public static string ToId(this DatasetName name) => name switch
    {
        DatasetName.Mnist => "mnist",
        DatasetName.FashionMnist => "fashion-mnist",
        DatasetName.Cifar10 => "cifar-10",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown dataset"),
    };

    public static bool TryParse(string id, out DatasetName name)
    {
        foreach (var candidate in Enum.GetValues<DatasetName>())
        {
            if (string.Equals(candidate.ToId(), id, StringComparison.OrdinalIgnoreCase))
            {
                name = candidate;
                return true;
            }
        }
        name = default;
        return false;
    }

    public static DatasetName Parse(string id) =>
        TryParse(id, out var name)
            ? name
            : throw new ArgumentException($"Unknown dataset '{id}'; expected one of: {string.Join(", ", Enum.GetValues<DatasetName>().Select(n => n.ToId()))}.", nameof(id));

    /// <summary>Shape of one image: MNIST and Fashion-MNIST are 1x28x28, CIFAR-10 is 3x32x32.</summary>
    public static ImageShape ImageShape(this DatasetName name) => name == DatasetName.Cifar10 ? new(3, 32, 32) : new(1, 28, 28);

    public const int ClassCount = 10;
}
