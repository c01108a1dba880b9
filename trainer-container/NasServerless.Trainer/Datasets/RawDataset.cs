namespace NasServerless.Trainer.Datasets;

/// <summary>A dataset's official training and test sets, verified and read, before splitting and normalisation.</summary>
public sealed record RawDataset(DatasetName Name, RawImages Train, RawImages Test);
