using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace NasServerless.Trainer.Datasets;

/// <summary>
/// Downloads a dataset from its canonical public location into a cache folder laid out like <c>shared/datasets</c>
/// (<c>{cache}/{id}/...</c> plus a <c>SHA256SUMS</c> manifest), for users outside this project's machines; the
/// result is read with <see cref="DatasetLoader"/> and <c>LocalRoot = cacheFolder</c>.
/// <para>
/// Every download is checked against the MD5 its publisher lists (torchvision for MNIST, the Fashion-MNIST README,
/// the CIFAR-10 site) and, where the downloaded file is known to be byte-identical to the copy in
/// <c>shared/datasets</c>, against that SHA-256 too (every file except MNIST's <c>train-images-idx3-ubyte.gz</c>,
/// whose shared copy differs only in its gzip timestamp, and the CIFAR-10 tarball, whose extracted batches are checked
/// instead). Only verified files enter the cache and its manifest. Files already in the cache that verify are not
/// downloaded again.
/// </para>
/// <para>Not exercised by the tests: the development and CI machines have no internet access.</para>
/// </summary>
public sealed class DatasetDownloader(HttpClient http, string cacheFolder)
{
    private sealed record Download(string FileName, string Md5, string? Sha256);

    private static readonly string[] MnistMirrors =
    [
        "http://yann.lecun.com/exdb/mnist/",
        "https://ossci-datasets.s3.amazonaws.com/mnist/", // torchvision's mirror of the same files
    ];

    private static readonly Download[] MnistFiles =
    [
        new("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873", null),
        new("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
        new("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
        new("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
    ];

    private static readonly string[] FashionMnistMirrors = ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"];

    private static readonly Download[] FashionMnistFiles =
    [
        new("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
        new("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
        new("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
        new("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
    ];

    private const string CifarUrl = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    private const string CifarMd5 = "c32a1d4ab5d03f1284b67883e8d87530";
    private const string CifarFolder = "cifar-10-batches-bin";

    /// <summary>SHA-256 of each file of the tarball's cifar-10-batches-bin folder (see shared/datasets/SOURCES.md).</summary>
    private static readonly Dictionary<string, string> CifarBatches = new()
    {
        ["batches.meta.txt"] = "558e74b5e208382e186da55784b4bac2cd52e558448e1b5800990fdb28ed8033",
        ["data_batch_1.bin"] = "cee916563c9f80d84e3cc88e17fdc0941787f1244f00a67874d45b261883ada5",
        ["data_batch_2.bin"] = "a591ca11fa1708a91ee40f54b3da4784ccd871ecf2137de63f51ada8b3fa57ed",
        ["data_batch_3.bin"] = "bbe8596564c0f86427f876058170b84dac6670ddf06d79402899d93ceea26f67",
        ["data_batch_4.bin"] = "014e562d6e23c72197cc727519169a60359f5eccd8945ad5a09d710285ff4e48",
        ["data_batch_5.bin"] = "755304fc0b379caeae8c14f0dac912fbc7d6cd469eb67a1029a08a39453a9add",
        ["test_batch.bin"] = "8e2eb146ae340b09e24670f29cabc6326dba54da8789dab6768acf480273f65b",
    };

    /// <summary>Downloads (or finds in the cache) and verifies a dataset; returns options that read it from the cache.</summary>
    public async Task<DatasetSourceOptions> DownloadAsync(DatasetName name, CancellationToken cancellationToken = default)
    {
        var verified = name switch
        {
            DatasetName.Mnist => await DownloadIdxAsync(name, MnistMirrors, MnistFiles, cancellationToken),
            DatasetName.FashionMnist => await DownloadIdxAsync(name, FashionMnistMirrors, FashionMnistFiles, cancellationToken),
            DatasetName.Cifar10 => await DownloadCifarAsync(cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown dataset"),
        };
        UpdateManifest(verified);
        return new DatasetSourceOptions { LocalRoot = cacheFolder };
    }

    private async Task<List<string>> DownloadIdxAsync(DatasetName name, string[] mirrors, Download[] files, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(Path.Combine(cacheFolder, name.ToId())).FullName;
        var verified = new List<string>();
        foreach (var file in files)
        {
            var target = Path.Combine(folder, file.FileName);
            if (!File.Exists(target) || !Matches(target, file))
            {
                await DownloadFromMirrorsAsync(mirrors.Select(m => m + file.FileName).ToList(), target, file, cancellationToken);
            }
            verified.Add(target);
        }
        return verified;
    }

    private async Task<List<string>> DownloadCifarAsync(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(Path.Combine(cacheFolder, DatasetName.Cifar10.ToId(), CifarFolder)).FullName;
        var targets = CifarBatches.Keys.Select(f => Path.Combine(folder, f)).ToList();
        if (targets.All(t => File.Exists(t) && Sha256Of(t) == CifarBatches[Path.GetFileName(t)])) return targets;

        var archive = Path.Combine(cacheFolder, "cifar-10-binary.tar.gz");
        await DownloadFromMirrorsAsync([CifarUrl], archive, new Download(Path.GetFileName(archive), CifarMd5, null), cancellationToken);
        try
        {
            await using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(cancellationToken: cancellationToken) is { } entry)
            {
                // Only the known files, by file name: nothing in the archive chooses where we write.
                var fileName = Path.GetFileName(entry.Name);
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !CifarBatches.TryGetValue(fileName, out var sha256)) continue;
                var target = Path.Combine(folder, fileName);
                await entry.ExtractToFileAsync(target + ".partial", overwrite: true, cancellationToken);
                var actual = Sha256Of(target + ".partial");
                if (actual != sha256)
                {
                    File.Delete(target + ".partial");
                    throw new DatasetException(target, $"SHA-256 after extraction from {CifarUrl} is {actual}, expected {sha256}.");
                }
                File.Move(target + ".partial", target, overwrite: true);
            }
        }
        finally
        {
            File.Delete(archive);
        }

        var missing = targets.FirstOrDefault(t => !File.Exists(t));
        if (missing is not null) throw new DatasetException(missing, $"not found in {CifarUrl}.");
        return targets;
    }

    private async Task DownloadFromMirrorsAsync(IReadOnlyList<string> urls, string target, Download expected, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var url in urls)
        {
            var partial = target + ".partial";
            try
            {
                using (var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
                {
                    response.EnsureSuccessStatusCode();
                    await using var output = File.Create(partial);
                    await response.Content.CopyToAsync(output, cancellationToken);
                }
                if (!Matches(partial, expected))
                {
                    failures.Add($"{url}: checksum differs from the published one");
                    File.Delete(partial);
                    continue;
                }
                File.Move(partial, target, overwrite: true);
                return;
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{url}: {e.Message}");
                File.Delete(partial);
            }
        }
        throw new DatasetException(target, $"could not download a verified copy. {string.Join(" | ", failures)}");
    }

    private static bool Matches(string path, Download expected)
    {
        using (var stream = File.OpenRead(path))
        {
            if (Convert.ToHexStringLower(MD5.HashData(stream)) != expected.Md5) return false;
        }
        return expected.Sha256 is null || Sha256Of(path) == expected.Sha256;
    }

    private static string Sha256Of(string path) => Sha256Manifest.ComputeSha256(path);

    /// <summary>Adds the verified files to the cache's manifest, keeping the entries of other datasets.</summary>
    private void UpdateManifest(IEnumerable<string> verifiedFiles)
    {
        var manifestPath = Path.Combine(cacheFolder, "SHA256SUMS");
        var entries = File.Exists(manifestPath)
            ? new Dictionary<string, string>(Sha256Manifest.Load(manifestPath).Entries)
            : [];
        foreach (var file in verifiedFiles)
        {
            entries[Path.GetRelativePath(cacheFolder, file).Replace('\\', '/')] = Sha256Of(file);
        }
        var lines = entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Value}  ./{e.Key}");
        File.WriteAllLines(manifestPath + ".partial", lines);
        File.Move(manifestPath + ".partial", manifestPath, overwrite: true);
    }
}
