namespace NasServerless.Orchestration.State;

/// <summary>One evaluated architecture as the front plot draws it (<see cref="SearchPaths.Points"/>): accuracy and both sizes.</summary>
public sealed record EvaluatedPoint(string CandidateId, double ValidationAccuracy, long Parameters, long Flops);
