namespace NasServerless.Trainer.Datasets;

/// <summary>
/// Training, validation and test images, normalised with the statistics of the training part only
/// (validation and test images never influence them).
/// </summary>
public sealed class PreparedDataset
{
    private PreparedDataset(DatasetName name, TrainValidationSplit split, ChannelStats stats, LabeledImages train, LabeledImages validation, LabeledImages test)
    {
        Name = name;
        Split = split;
        Stats = stats;
        Train = train;
        Validation = validation;
        Test = test;
    }

    public DatasetName Name { get; }

    public TrainValidationSplit Split { get; }

    public ChannelStats Stats { get; }

    public LabeledImages Train { get; }

    public LabeledImages Validation { get; }

    /// <summary>The official test set: for reporting on the final front, never for selection.</summary>
    public LabeledImages Test { get; }

    public static PreparedDataset Create(RawDataset raw, TrainValidationSplit split)
    {
        var train = raw.Train.Select(split.TrainIndices);
        var validation = raw.Train.Select(split.ValidationIndices);
        var stats = ChannelStats.Compute(train);
        return new PreparedDataset(
            raw.Name,
            split,
            stats,
            LabeledImages.Normalise(train, stats),
            LabeledImages.Normalise(validation, stats),
            LabeledImages.Normalise(raw.Test, stats));
    }
}
