using System.ComponentModel.DataAnnotations;

namespace NasServerless.Host.Results;

public sealed class ResultsPollerOptions
{
    public const string SectionName = "ResultsPoller";

    [Range(1, 32)] public int BatchSize { get; set; } = 32;
    [Range(5, 600)] public int VisibilitySeconds { get; set; } = 30;
    [Range(10, 10_000)] public int MinPollMilliseconds { get; set; } = 50;
    [Range(10, 60_000)] public int MaxPollMilliseconds { get; set; } = 1_000;
}
