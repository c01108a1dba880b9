using NasServerless.Orchestration.Engine;

namespace NasServerless.Orchestration.State;

/// <summary><c>searches/{id}/front.json</c>: the Pareto front of everything evaluated so far.</summary>
public sealed record FrontDocument(int Generation, int Evaluations, int Failed, IReadOnlyList<FrontMember> Members);

/// <summary>A front member with its genome, metrics and where its trained weights are.</summary>
public sealed record FrontMember(string CandidateId, string Genome, double ValidationAccuracy, double? TestAccuracy, long Parameters, long Flops, string? WeightsBlob);
