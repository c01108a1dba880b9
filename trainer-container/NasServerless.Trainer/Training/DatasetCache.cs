using NasServerless.Trainer.Datasets;

namespace NasServerless.Trainer.Training;

/// <summary>
/// Loaded datasets, kept for the life of the process (register one instance per process): each dataset is read and
/// verified once, and the most recent normalised splits are kept, since every job of a search asks for the same one.
/// </summary>
public sealed class DatasetCache(DatasetSourceOptions source, int preparedCapacity = 2)
{
    private readonly DatasetLoader _loader = new(source);
    private readonly Lock _gate = new();
    private readonly Dictionary<DatasetName, RawDataset> _raw = [];
    private readonly LinkedList<((DatasetName, int, ulong) Key, PreparedDataset Data)> _prepared = new();

    /// <summary>The dataset split with <paramref name="validationCount"/> validation images, by <paramref name="seed"/>.</summary>
    public PreparedDataset Get(DatasetName name, int validationCount, ulong seed)
    {
        var key = (name, validationCount, seed);
        lock (_gate)
        {
            for (var node = _prepared.First; node is not null; node = node.Next)
            {
                if (node.Value.Key != key) continue;
                _prepared.Remove(node);
                _prepared.AddFirst(node);
                return node.Value.Data;
            }
            if (!_raw.TryGetValue(name, out var raw)) _raw[name] = raw = _loader.LoadRaw(name);
            var prepared = PreparedDataset.Create(raw, TrainValidationSplit.Create(raw.Train.Count, validationCount, seed));
            _prepared.AddFirst((key, prepared));
            while (_prepared.Count > Math.Max(1, preparedCapacity)) _prepared.RemoveLast();
            return prepared;
        }
    }
}
