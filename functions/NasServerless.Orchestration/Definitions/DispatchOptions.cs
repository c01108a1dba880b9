namespace NasServerless.Orchestration.Definitions;

/// <summary>How long to wait for a trainer and how often to re-dispatch before a candidate is marked failed.</summary>
public sealed record DispatchOptions
{
    /// <summary>Seconds to wait for one attempt's result before checking the result blob and re-dispatching.</summary>
    public int TimeoutSeconds { get; init; } = 900;
    public int MaxAttempts { get; init; } = 3;
}
