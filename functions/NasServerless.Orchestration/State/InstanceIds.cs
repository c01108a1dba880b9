namespace NasServerless.Orchestration.State;

/// <summary>
/// Orchestration instance ids. Every instance of a search starts with "{searchId}:" (the search itself is
/// the bare id), so terminating a search can find and stop its sub-orchestrations too.
/// </summary>
public static class InstanceIds
{
    public static string Search(string searchId) => searchId;
    public static string Island(string searchId, int generation, int island) => $"{searchId}:g{generation}:i{island}";
    public static string Candidate(string searchId, int generation, int island, string candidateId) => $"{searchId}:g{generation}:i{island}:{candidateId}";
    public static string ChildPrefix(string searchId) => $"{searchId}:";
}
