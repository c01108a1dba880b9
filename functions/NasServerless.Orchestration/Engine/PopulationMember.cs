using NasServerless.Search.Evaluation;

namespace NasServerless.Orchestration.Engine;

/// <summary>An evaluated individual as stored in population blobs: id, canonical genome JSON, evaluation.</summary>
public sealed record PopulationMember(string Id, string Genome, Evaluation Evaluation);
