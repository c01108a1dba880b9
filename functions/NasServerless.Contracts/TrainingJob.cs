namespace NasServerless.Contracts;

/// <summary>
/// One candidate to train, as queued on <see cref="StorageNames.JobsQueue"/>. Small by design: the
/// genome is its canonical JSON (a few KB at most), never weights.
/// </summary>
/// <param name="SearchSpace">"layer-list" or "nas-bench-macro".</param>
/// <param name="Genome">The genome's canonical JSON in that space.</param>
/// <param name="Dataset">"mnist", "fashion-mnist" or "cifar-10" (ignored by lookup spaces).</param>
/// <param name="Attempt">Dispatch attempt, echoed in the result message so a late result of an earlier attempt is recognisable.</param>
/// <param name="SpaceOptions">The search space's own options as JSON (value choices, parameter budget), so the trainer checks the genome against the same space; null for the defaults.</param>
public sealed record TrainingJob(
    string SearchId,
    string InstanceId,
    string CandidateId,
    int Attempt,
    string SearchSpace,
    string Genome,
    string Dataset,
    TrainingBudget Budget,
    long Seed,
    string? SpaceOptions = null);
