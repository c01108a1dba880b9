namespace NasServerless.Trainer.Checkpoints;

/// <summary>Checkpoints kept in memory: for one-off runs without a checkpoint folder, and for tests.</summary>
public sealed class MemoryCheckpointStore : ICheckpointStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string, string), SortedDictionary<long, byte[]>> _checkpoints = [];

    /// <summary>How many times <see cref="SaveAsync"/> was called, over all candidates.</summary>
    public int Saves { get; private set; }

    public Task SaveAsync(string searchId, string candidateId, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_checkpoints.TryGetValue((searchId, candidateId), out var list)) _checkpoints[(searchId, candidateId)] = list = [];
            list[checkpoint.Sequence] = (byte[])checkpoint.Payload.Clone();
            Saves++;
        }
        return Task.CompletedTask;
    }

    public Task<Checkpoint?> LoadLatestAsync(string searchId, string candidateId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_checkpoints.TryGetValue((searchId, candidateId), out var list) || list.Count == 0) return Task.FromResult<Checkpoint?>(null);
            var (sequence, payload) = list.Last();
            return Task.FromResult<Checkpoint?>(new Checkpoint(sequence, (byte[])payload.Clone()));
        }
    }

    /// <summary>The sequences saved for a candidate, oldest first.</summary>
    public IReadOnlyList<long> Sequences(string searchId, string candidateId)
    {
        lock (_gate) return _checkpoints.TryGetValue((searchId, candidateId), out var list) ? [.. list.Keys] : [];
    }
}
