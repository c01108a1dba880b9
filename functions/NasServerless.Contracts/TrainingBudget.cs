namespace NasServerless.Contracts;

/// <summary>
/// How much training one candidate gets. <see cref="SimulatedSeconds"/> only applies to lookup spaces,
/// where it makes the trainer sleep as if it trained (to exercise the system at scale).
/// </summary>
public sealed record TrainingBudget
{
    public int Epochs { get; init; } = 2;
    /// <summary>Training images used per epoch (a seeded subset of the training split); 0 for all.</summary>
    public int TrainSubset { get; init; } = 2000;
    public int ValidationImages { get; init; } = 1000;
    public int BatchSize { get; init; } = 128;
    public double SimulatedSeconds { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Epochs is < 1 or > 1000) errors.Add("epochs: must be 1 to 1,000");
        if (TrainSubset < 0) errors.Add("trainSubset: must be 0 (all) or positive");
        if (ValidationImages is < 1 or > 100_000) errors.Add("validationImages: must be 1 to 100,000");
        if (BatchSize is < 1 or > 4096) errors.Add("batchSize: must be 1 to 4,096");
        if (SimulatedSeconds is < 0 or > 3600) errors.Add("simulatedSeconds: must be 0 to 3,600");
        return errors;
    }
}
