namespace NasServerless.Search.Spaces.LayerList;

/// <summary>How the candidate is trained; evolved with the layers.</summary>
public sealed record TrainingGenes(double LearningRate, OptimizerKind Optimizer, double WeightDecay);
