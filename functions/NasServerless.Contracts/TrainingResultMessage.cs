namespace NasServerless.Contracts;

/// <summary>Sent on <see cref="StorageNames.ResultsQueue"/> once the result blob exists; the host raises trained:{CandidateId}:{Attempt}.</summary>
public sealed record TrainingResultMessage(string SearchId, string InstanceId, string CandidateId, int Attempt, string ResultBlob);
