using System.ComponentModel.DataAnnotations;
using NasServerless.Contracts;
using NasServerless.Trainer.Storage;

namespace NasServerless.Trainer.Worker;

/// <summary>
/// The queue worker: where it reads jobs and writes results, and how it holds a job's lease. Bound from the
/// <c>Worker</c> configuration section (environment variables <c>Worker__ConnectionString</c> or
/// <c>Worker__AccountName</c>, ...). Queue and container names default to <see cref="StorageNames"/>; tests give each
/// run its own.
/// </summary>
public sealed class WorkerOptions : IValidatableObject
{
    public const string SectionName = "Worker";

    private const string QueueOrContainerName = "^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$";
    private const string NameMessage = "{0} must be 3-63 characters of lower-case letters, digits and single hyphens, starting and ending with a letter or digit.";

    /// <summary>
    /// Azure Storage connection string (queues and blobs of one account, e.g. Azurite's). Excludes
    /// <see cref="AccountName"/>; with neither, Azurite on 127.0.0.1 (<see cref="AzuriteConnection.FromEnvironment"/>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account reached with a token credential (workload identity in the cluster) instead of a connection string.</summary>
    public string? AccountName { get; set; }

    /// <summary>DNS suffix of the account's endpoints with <see cref="AccountName"/>; default <see cref="StorageAccount.DefaultEndpointSuffix"/>.</summary>
    public string? EndpointSuffix { get; set; }

    [Required, RegularExpression(QueueOrContainerName, ErrorMessage = NameMessage)]
    public string JobsQueue { get; set; } = StorageNames.JobsQueue;

    [Required, RegularExpression(QueueOrContainerName, ErrorMessage = NameMessage)]
    public string ResultsQueue { get; set; } = StorageNames.ResultsQueue;

    [Required, RegularExpression(QueueOrContainerName, ErrorMessage = NameMessage)]
    public string PoisonQueue { get; set; } = StorageNames.PoisonQueue;

    [Required, RegularExpression(QueueOrContainerName, ErrorMessage = NameMessage)]
    public string ResultsContainer { get; set; } = StorageNames.ResultsContainer;

    [Required, RegularExpression(QueueOrContainerName, ErrorMessage = NameMessage)]
    public string CheckpointsContainer { get; set; } = StorageNames.CheckpointsContainer;

    [Required, RegularExpression(QueueOrContainerName, ErrorMessage = NameMessage)]
    public string SearchesContainer { get; set; } = StorageNames.SearchesContainer;

    /// <summary>How long a dequeued job stays invisible to other workers without a renewal.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "02:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the lease is renewed (to <see cref="VisibilityTimeout"/> from now) while a job runs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A job dequeued more often than this becomes a failed result plus a copy in the poison queue.</summary>
    [Range(1, 1000)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>First wait after an empty poll; doubles on each further empty poll up to <see cref="MaxPollInterval"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>When handling a job fails unexpectedly (storage error, trainer bug), the job becomes visible again after this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Stop after this many messages (0: no limit). <c>--once</c> is 1: a KEDA ScaledJob pod handles one job.</summary>
    [Range(0, int.MaxValue)]
    public int MaxJobs { get; set; }

    /// <summary>Stop after the queue has been empty this long (zero: never).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan IdleExit { get; set; } = TimeSpan.Zero;

    /// <summary>Checkpoints kept per candidate (older ones are deleted after each save; 0 keeps all). At least 2 for the fallback.</summary>
    [Range(0, 1000)]
    public int CheckpointsToKeep { get; set; } = 3;

    /// <summary>How result messages are written. Jobs are read in either form.</summary>
    public QueueMessageTextEncoding MessageEncoding { get; set; } = QueueMessageTextEncoding.None;

    /// <summary>Names this worker in results and logs.</summary>
    [Required]
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Create the queues and containers when they are missing (on start).</summary>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>The storage account the worker uses (<see cref="StorageAccount"/> holds the rule); reads the AZURITE_*_PORT variables only for the default.</summary>
    public StorageAccount Account() => StorageAccount.Resolve(ConnectionString, AccountName, EndpointSuffix, SectionName, AzuriteConnection.FromEnvironment);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var storage in StorageAccount.Validate(ConnectionString, AccountName, EndpointSuffix, SectionName))
        {
            yield return storage;
        }
        if (RenewInterval >= VisibilityTimeout)
        {
            yield return new ValidationResult(
                $"RenewInterval ({RenewInterval}) must be shorter than VisibilityTimeout ({VisibilityTimeout}), or the lease lapses between renewals.",
                [nameof(RenewInterval), nameof(VisibilityTimeout)]);
        }
        if (MaxPollInterval < PollInterval)
        {
            yield return new ValidationResult($"MaxPollInterval ({MaxPollInterval}) must not be shorter than PollInterval ({PollInterval}).",
                [nameof(MaxPollInterval), nameof(PollInterval)]);
        }
        if (CheckpointsToKeep == 1)
        {
            yield return new ValidationResult("CheckpointsToKeep must be 0 (all) or at least 2, so that a corrupt newest checkpoint can fall back to the previous one.",
                [nameof(CheckpointsToKeep)]);
        }
        var queues = new[] { JobsQueue, ResultsQueue, PoisonQueue };
        if (queues.Distinct(StringComparer.Ordinal).Count() != queues.Length)
        {
            yield return new ValidationResult("JobsQueue, ResultsQueue and PoisonQueue must be three different queues.",
                [nameof(JobsQueue), nameof(ResultsQueue), nameof(PoisonQueue)]);
        }
    }
}
