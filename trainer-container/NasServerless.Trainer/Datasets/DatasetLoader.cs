namespace NasServerless.Trainer.Datasets;

/// <summary>
/// Reads a dataset in its original format from a <see cref="DatasetSourceOptions"/> folder, verifying every file
/// against the SHA-256 manifest first. MNIST and Fashion-MNIST: the four gzipped IDX files in <c>{root}/{id}/</c>.
/// CIFAR-10: every <c>data_batch_N.bin</c> present (at least one) plus <c>test_batch.bin</c> in
/// <c>{root}/cifar-10/cifar-10-batches-bin/</c>.
/// </summary>
public sealed class DatasetLoader(DatasetSourceOptions options)
{
    private const string CifarFolder = "cifar-10-batches-bin";

    private Sha256Manifest? _manifest;

    public RawDataset LoadRaw(DatasetName name) => name switch
    {
        DatasetName.Mnist or DatasetName.FashionMnist => LoadIdx(name),
        DatasetName.Cifar10 => LoadCifar(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown dataset"),
    };

    /// <summary>Reads, splits off validation images from the training set, and normalises.</summary>
    public PreparedDataset Load(DatasetName name, int validationCount, ulong seed)
    {
        var raw = LoadRaw(name);
        return PreparedDataset.Create(raw, TrainValidationSplit.Create(raw.Train.Count, validationCount, seed));
    }

    /// <inheritdoc cref="Load(DatasetName, int, ulong)"/>
    public PreparedDataset Load(DatasetName name, double validationFraction, ulong seed)
    {
        var raw = LoadRaw(name);
        return PreparedDataset.Create(raw, TrainValidationSplit.Create(raw.Train.Count, validationFraction, seed));
    }

    /// <summary>The files a dataset is read from, in reading order (CIFAR-10: the data batches present, then the test batch).</summary>
    public IReadOnlyList<string> FilesOf(DatasetName name)
    {
        var folder = Path.Combine(options.LocalRoot, name.ToId());
        if (name != DatasetName.Cifar10)
        {
            return [.. new[] { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" }
                .Select(f => Path.Combine(folder, f))];
        }

        var batches = Path.Combine(folder, CifarFolder);
        var training = Directory.Exists(batches)
            ? Directory.GetFiles(batches, "data_batch_*.bin").Order(StringComparer.Ordinal).ToList()
            : [];
        if (training.Count == 0) throw new DatasetException(Path.Combine(batches, "data_batch_1.bin"), "file not found: no CIFAR-10 training batch (data_batch_*.bin) is present.");
        return [.. training, Path.Combine(batches, "test_batch.bin")];
    }

    private RawDataset LoadIdx(DatasetName name)
    {
        var files = FilesOf(name);
        VerifyAll(files);
        var train = IdxReader.ReadImages(files[0], files[1]);
        var test = IdxReader.ReadImages(files[2], files[3]);
        foreach (var (images, path) in new[] { (train, files[0]), (test, files[2]) })
        {
            if (images.Shape != name.ImageShape()) throw new DatasetException(path, $"holds {images.Shape} images; {name.ToId()} images are {name.ImageShape()}.");
        }
        return new RawDataset(name, train, test);
    }

    private RawDataset LoadCifar()
    {
        var files = FilesOf(DatasetName.Cifar10);
        VerifyAll(files);
        return new RawDataset(DatasetName.Cifar10, CifarBinaryReader.ReadBatches(files.Take(files.Count - 1).ToList()), CifarBinaryReader.ReadBatch(files[^1]));
    }

    private void VerifyAll(IReadOnlyList<string> files)
    {
        foreach (var file in files)
        {
            if (!File.Exists(file)) throw new DatasetException(Path.GetFullPath(file), "file not found.");
        }
        if (!options.VerifyChecksums) return;
        _manifest ??= Sha256Manifest.Load(options.ManifestPath);
        foreach (var file in files) _manifest.Verify(file);
    }
}
