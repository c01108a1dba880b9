using NasServerless.Search.Randomness;

namespace NasServerless.Trainer.Datasets;

/// <summary>
/// Which images of the official training set train and which validate. Validation images are a seeded uniform
/// sample of the training set (the test set is never used for selection); both index lists are in ascending order,
/// so shuffling per epoch is left to the training loop. The same (count, validation count, seed) gives the same split.
/// </summary>
public sealed class TrainValidationSplit
{
    private TrainValidationSplit(int[] train, int[] validation, ulong seed)
    {
        TrainIndices = train;
        ValidationIndices = validation;
        Seed = seed;
    }

    public IReadOnlyList<int> TrainIndices { get; }

    public IReadOnlyList<int> ValidationIndices { get; }

    public ulong Seed { get; }

    public static TrainValidationSplit Create(int count, int validationCount, ulong seed)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "must be positive");
        if (validationCount < 0 || validationCount >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(validationCount), validationCount, $"must be in 0..{count - 1}, leaving at least one training image");
        }

        // A partial Fisher-Yates shuffle: the first validationCount positions are a uniform sample.
        var order = Enumerable.Range(0, count).ToArray();
        var random = new DeterministicRandom(seed);
        for (var i = 0; i < validationCount; i++)
        {
            var j = i + random.NextInt(count - i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var validation = order[..validationCount];
        var train = order[validationCount..];
        Array.Sort(validation);
        Array.Sort(train);
        return new TrainValidationSplit(train, validation, seed);
    }

    /// <summary>Split off a fraction (0 ≤ fraction &lt; 1) of the images for validation, rounded to the nearest image.</summary>
    public static TrainValidationSplit Create(int count, double validationFraction, ulong seed)
    {
        if (validationFraction is < 0 or >= 1 || double.IsNaN(validationFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "must be in [0, 1)");
        }
        return Create(count, (int)Math.Round(count * validationFraction, MidpointRounding.AwayFromZero), seed);
    }
}
