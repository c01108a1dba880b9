namespace NasServerless.Contracts;

public sealed record EpochMetrics(int Epoch, double TrainLoss, double ValidationAccuracy, double Seconds, double ImagesPerSecond);
