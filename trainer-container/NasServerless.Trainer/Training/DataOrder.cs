using NasServerless.Search.Randomness;

namespace NasServerless.Trainer.Training;

/// <summary>
/// Which training images a run uses and in which order, as pure functions of seeds: nothing about the data order
/// needs to be checkpointed beyond the epoch and step.
/// </summary>
public static class DataOrder
{
    /// <summary><paramref name="subset"/> distinct indices of [0, <paramref name="count"/>) (all when 0 or ≥ count), in ascending order.</summary>
    public static int[] Subset(int count, int subset, long dataSeed)
    {
        var all = Enumerable.Range(0, count).ToArray();
        if (subset <= 0 || subset >= count) return all;
        var rng = DeterministicRandom.For(dataSeed, 0, 0, "train-subset");
        for (var i = 0; i < subset; i++)
        {
            var j = i + rng.NextInt(count - i);
            (all[i], all[j]) = (all[j], all[i]);
        }
        var chosen = all[..subset];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>The order of <paramref name="indices"/> in epoch <paramref name="epoch"/> (Fisher–Yates, seeded by job seed and epoch).</summary>
    public static int[] EpochOrder(IReadOnlyList<int> indices, long seed, int epoch)
    {
        var order = indices.ToArray();
        var rng = DeterministicRandom.For(seed, epoch, 0, "data-order");
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>The generator of the augmentation draws of one batch.</summary>
    public static DeterministicRandom Augmentation(long seed, int epoch, int step) => DeterministicRandom.For(seed, epoch, step, "augmentation");

    /// <summary>
    /// The seed of the dropout generator when a run resumes from a checkpoint whose generator state belongs to another
    /// kind of device (see <c>TrainingRun.Restore</c>): still a function of the job's seed and position only.
    /// </summary>
    public static long ResumeSeed(long seed, int epoch, int step) => (long)(DeterministicRandom.For(seed, epoch, step, "dropout-resume").NextUInt64() >> 1);

    /// <summary>Batches per epoch: a last batch of fewer than 2 images is dropped (batch norm needs 2 values per channel).</summary>
    public static int StepsPerEpoch(int images, int batchSize)
    {
        var steps = (images + batchSize - 1) / batchSize;
        return images % batchSize == 1 ? steps - 1 : steps;
    }
}
