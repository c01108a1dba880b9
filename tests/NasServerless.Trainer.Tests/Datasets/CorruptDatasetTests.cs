using System.Buffers.Binary;
using System.IO.Compression;
using NasServerless.Trainer.Datasets;
using NasServerless.Trainer.Tests.Support;

namespace NasServerless.Trainer.Tests.Datasets;

/// <summary>Damaged copies of the real files, in a temporary folder: every failure is a DatasetException naming the file.</summary>
public sealed class CorruptDatasetTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("nas-datasets-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Load_FlippedByte_ChecksumErrorNamesTheFile()
    {
        var target = CopyMnist();
        var path = Path.Combine(target, "train-labels-idx1-ubyte.gz");
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<DatasetException>(() => Loader().LoadRaw(DatasetName.Mnist));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message);
        Assert.Contains("SHA-256 mismatch", error.Message);
    }

    [Fact]
    public void Load_TruncatedGzip_ErrorNamesTheFile()
    {
        var target = CopyMnist();
        var path = Path.Combine(target, "t10k-images-idx3-ubyte.gz");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        RewriteManifest();

        var error = Assert.Throws<DatasetException>(() => Loader().LoadRaw(DatasetName.Mnist));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Load_IdxPayloadShorterThanHeader_TruncatedErrorNamesTheFile()
    {
        var target = CopyMnist();
        var path = Path.Combine(target, "t10k-labels-idx1-ubyte.gz");
        var content = Gunzip(path);
        WriteGzip(path, content[..^10]);
        RewriteManifest();

        var error = Assert.Throws<DatasetException>(() => Loader().LoadRaw(DatasetName.Mnist));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("truncated: expected 10000 bytes", error.Message);
    }

    [Fact]
    public void Load_WrongMagic_ErrorNamesTheFileAndBothMagics()
    {
        var target = CopyMnist();
        var path = Path.Combine(target, "train-labels-idx1-ubyte.gz");
        var content = Gunzip(path);
        BinaryPrimitives.WriteInt32BigEndian(content, 0x803);
        WriteGzip(path, content);
        RewriteManifest();

        var error = Assert.Throws<DatasetException>(() => Loader().LoadRaw(DatasetName.Mnist));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("wrong magic number 0x00000803: expected 0x00000801", error.Message);
    }

    [Fact]
    public void Load_MissingFile_ErrorNamesTheFile()
    {
        var target = CopyMnist();
        var path = Path.Combine(target, "t10k-labels-idx1-ubyte.gz");
        File.Delete(path);

        var error = Assert.Throws<DatasetException>(() => Loader().LoadRaw(DatasetName.Mnist));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("file not found", error.Message);
    }

    [Fact]
    public void Load_FileNotInManifest_ErrorNamesTheFile()
    {
        var target = CopyMnist();
        File.WriteAllLines(Path.Combine(_root, "SHA256SUMS"),
            File.ReadLines(SharedDatasets.ManifestPath).Where(l => !l.Contains("mnist/train-images")));

        var error = Assert.Throws<DatasetException>(() => Loader().LoadRaw(DatasetName.Mnist));

        Assert.Equal(Path.Combine(target, "train-images-idx3-ubyte.gz"), error.FilePath);
        Assert.Contains("not listed in the checksum manifest", error.Message);
    }

    [Fact]
    public void Load_TruncatedCifarBatch_ErrorNamesTheFile()
    {
        var folder = Path.Combine(_root, "cifar-10", "cifar-10-batches-bin");
        Directory.CreateDirectory(folder);
        var shared = Path.Combine(SharedDatasets.Root, "cifar-10", "cifar-10-batches-bin");
        File.Copy(Path.Combine(shared, "data_batch_1.bin"), Path.Combine(folder, "data_batch_1.bin"));
        var path = Path.Combine(folder, "test_batch.bin");
        var bytes = File.ReadAllBytes(Path.Combine(shared, "test_batch.bin"));
        File.WriteAllBytes(path, bytes[..^100]);
        RewriteManifest();

        var error = Assert.Throws<DatasetException>(() => Loader().LoadRaw(DatasetName.Cifar10));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Load_CifarWithoutTestBatch_ErrorNamesTheFile()
    {
        var folder = Path.Combine(_root, "cifar-10", "cifar-10-batches-bin");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(SharedDatasets.Root, "cifar-10", "cifar-10-batches-bin", "data_batch_1.bin"), Path.Combine(folder, "data_batch_1.bin"));
        File.Copy(SharedDatasets.ManifestPath, Path.Combine(_root, "SHA256SUMS"));

        var error = Assert.Throws<DatasetException>(() => Loader().LoadRaw(DatasetName.Cifar10));

        Assert.Equal(Path.Combine(folder, "test_batch.bin"), error.FilePath);
        Assert.Contains("file not found", error.Message);
    }

    [Fact]
    public void Load_IntactCopy_LoadsAndSharedFilesAreUntouched()
    {
        CopyMnist();

        var raw = Loader().LoadRaw(DatasetName.Mnist);

        Assert.Equal(60000, raw.Train.Count);
        Sha256Manifest.Load(SharedDatasets.ManifestPath).Verify("mnist/train-labels-idx1-ubyte.gz");
    }

    private DatasetLoader Loader() => new(new DatasetSourceOptions { LocalRoot = _root });

    private string CopyMnist()
    {
        var target = Path.Combine(_root, "mnist");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Path.Combine(SharedDatasets.Root, "mnist")))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        File.Copy(SharedDatasets.ManifestPath, Path.Combine(_root, "SHA256SUMS"));
        return target;
    }

    /// <summary>A manifest that matches the damaged files, so the format checks (not the checksum) must catch them.</summary>
    private void RewriteManifest()
    {
        var lines = Directory.GetFiles(_root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "SHA256SUMS")
            .Select(f => $"{Sha256Manifest.ComputeSha256(f)}  ./{Path.GetRelativePath(_root, f).Replace('\\', '/')}");
        File.WriteAllLines(Path.Combine(_root, "SHA256SUMS"), lines);
    }

    private static byte[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }

    private static void WriteGzip(string path, byte[] content)
    {
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gzip.Write(content);
    }
}
