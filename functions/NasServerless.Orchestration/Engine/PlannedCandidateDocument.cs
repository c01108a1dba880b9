using NasServerless.Search.Evolution;

namespace NasServerless.Orchestration.Engine;

public sealed record PlannedCandidateDocument(string Id, string Genome, CandidateDisposition Disposition, int OwnerIsland);

/// <summary>The stored form of a <see cref="GenerationPlan{TGenome}"/>: <c>searches/{id}/generations/{g}/plan.json</c>.</summary>
public sealed record GenerationPlanDocument(int Generation, IReadOnlyList<IReadOnlyList<PlannedCandidateDocument>> Islands);
