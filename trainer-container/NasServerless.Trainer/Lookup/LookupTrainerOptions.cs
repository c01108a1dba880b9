using System.ComponentModel.DataAnnotations;
using NasServerless.Search.Spaces.NasBenchMacro;

namespace NasServerless.Trainer.Lookup;

/// <summary>
/// The NAS-Bench-Macro lookup "trainer", bound from the <c>NasBenchMacro</c> section (so <c>TablePath</c> is the
/// key <see cref="NasBenchMacroTable.PathConfigurationKey"/>). Without a table path this worker does not answer
/// lookup jobs (they stay queued for a worker that does); with one, a missing or corrupt table stops the start.
/// </summary>
public sealed class LookupTrainerOptions
{
    public const string SectionName = "NasBenchMacro";

    /// <summary>nas-bench-macro_cifar10.json; empty disables the lookup space on this worker.</summary>
    public string? TablePath { get; set; }

    /// <summary>
    /// A job's <c>budget.simulatedSeconds</c> is slept in steps of about this length, with a checkpoint after each
    /// step, so that a killed worker's successor resumes where it stopped, as with real training.
    /// </summary>
    [Range(0.01, 3600)]
    public double SimulatedStepSeconds { get; set; } = 1.0;
}
