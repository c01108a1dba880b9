namespace NasServerless.Contracts;

/// <summary>
/// The outcome of one candidate, stored once at <see cref="StorageNames.ResultBlob"/>. Accuracies are
/// fractions in [0, 1]; validation accuracy is the fitness, test accuracy is only for reporting.
/// A failed result (build error, NaN loss, poison job) carries the reason and the worst fitness.
/// </summary>
public sealed record TrainingResult
{
    public required string SearchId { get; init; }
    public required string CandidateId { get; init; }
    public bool Failed { get; init; }
    public string? FailureReason { get; init; }
    public double ValidationAccuracy { get; init; }
    public double? TestAccuracy { get; init; }
    public long Parameters { get; init; }
    public long Flops { get; init; }
    public double Seconds { get; init; }
    public double ImagesPerSecond { get; init; }
    public IReadOnlyList<EpochMetrics> Epochs { get; init; } = [];
    /// <summary>Blob (in <see cref="StorageNames.CheckpointsContainer"/>) with the trained weights, if any.</summary>
    public string? WeightsBlob { get; init; }
    /// <summary>
    /// Folder (in <see cref="StorageNames.CheckpointsContainer"/>) with the trained network for PyTorch
    /// (<see cref="StorageNames.PyTorchExportPrefix"/>), if any.
    /// </summary>
    public string? PyTorchExport { get; init; }
    /// <summary>Where it trained (<c>cpu</c>, <c>cuda:0</c>); null for lookup and failed-before-training results.</summary>
    public string? Device { get; init; }
    /// <summary>Which worker produced it, for diagnosis.</summary>
    public string? Worker { get; init; }
}
