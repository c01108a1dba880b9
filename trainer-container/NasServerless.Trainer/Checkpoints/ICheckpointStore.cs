namespace NasServerless.Trainer.Checkpoints;

/// <summary>
/// Where a candidate's checkpoints live (blob <c>checkpoints/{searchId}/{candidateId}/</c> in the
/// cluster, a folder for the CLI). Each checkpoint is stored with its SHA-256; loading returns the
/// newest one whose checksum verifies, so a corrupt newest checkpoint falls back to the previous one.
/// Saving the same step twice is harmless (activities and trainers run at least once).
/// </summary>
public interface ICheckpointStore
{
    Task SaveAsync(string searchId, string candidateId, Checkpoint checkpoint, CancellationToken cancellationToken);

    Task<Checkpoint?> LoadLatestAsync(string searchId, string candidateId, CancellationToken cancellationToken);
}

/// <summary>An opaque training state; <see cref="Sequence"/> orders checkpoints (e.g. epoch × 1,000,000 + step).</summary>
public sealed record Checkpoint(long Sequence, byte[] Payload);
