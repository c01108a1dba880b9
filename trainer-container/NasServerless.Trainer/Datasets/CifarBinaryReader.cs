namespace NasServerless.Trainer.Datasets;

/// <summary>
/// Reads CIFAR-10 binary batches (<c>data_batch_N.bin</c>, <c>test_batch.bin</c>): records of 3,073 bytes,
/// one label byte then 1,024 red, 1,024 green and 1,024 blue pixel bytes (row-major 32x32), i.e. already CHW.
/// </summary>
public static class CifarBinaryReader
{
    public static readonly ImageShape Shape = new(3, 32, 32);

    public static int RecordSize => 1 + Shape.Size;

    /// <summary>Reads the batches in the given order and concatenates them.</summary>
    public static RawImages ReadBatches(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) throw new ArgumentException("at least one CIFAR-10 batch is needed", nameof(paths));
        var batches = paths.Select(ReadBatch).ToList();
        return batches.Count == 1 ? batches[0] : RawImages.Concat(batches);
    }

    public static RawImages ReadBatch(string path)
    {
        if (!File.Exists(path)) throw new DatasetException(path, "file not found.");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0 || bytes.Length % RecordSize != 0)
        {
            throw new DatasetException(path, $"truncated or not a CIFAR-10 binary batch: {bytes.Length} bytes is not a positive multiple of the {RecordSize}-byte record.");
        }

        var count = bytes.Length / RecordSize;
        var labels = new byte[count];
        var pixels = new byte[(long)count * Shape.Size];
        for (var i = 0; i < count; i++)
        {
            var record = bytes.AsSpan(i * RecordSize, RecordSize);
            if (record[0] >= DatasetNames.ClassCount)
            {
                throw new DatasetException(path, $"record {i} has label {record[0]}, outside 0..{DatasetNames.ClassCount - 1}: not a CIFAR-10 binary batch.");
            }
            labels[i] = record[0];
            record[1..].CopyTo(pixels.AsSpan(i * Shape.Size, Shape.Size));
        }
        return new RawImages(Shape, pixels, labels);
    }
}
