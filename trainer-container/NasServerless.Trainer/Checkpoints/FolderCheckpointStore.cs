using System.Globalization;
using System.Security.Cryptography;

namespace NasServerless.Trainer.Checkpoints;

/// <summary>
/// Checkpoints as files: <c>{root}/{searchId}/{candidateId}/{sequence:D12}.ckpt</c> with its SHA-256 beside it in
/// <c>{sequence:D12}.ckpt.sha256</c> (<c>sha256sum</c> format). Both are written to a temporary file and renamed into
/// place, checkpoint first, so a crash leaves either a complete pair or a checkpoint without a checksum, which is
/// ignored. Loading returns the newest checkpoint whose checksum verifies; older ones beyond <see cref="Keep"/> are
/// deleted after each save.
/// </summary>
public sealed class FolderCheckpointStore : ICheckpointStore
{
    private const string Extension = ".ckpt";
    private const string ChecksumExtension = ".ckpt.sha256";

    public FolderCheckpointStore(string root, int keep = 3)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        if (keep < 2) throw new ArgumentOutOfRangeException(nameof(keep), keep, "keep at least 2 checkpoints so that a corrupt newest one has a fallback");
        Root = Path.GetFullPath(root);
        Keep = keep;
    }

    public string Root { get; }

    /// <summary>How many checkpoints per candidate are kept (newest first).</summary>
    public int Keep { get; }

    public string FolderOf(string searchId, string candidateId) => Path.Combine(Root, CheckName(searchId, nameof(searchId)), CheckName(candidateId, nameof(candidateId)));

    public string PathOf(string searchId, string candidateId, long sequence) =>
        Path.Combine(FolderOf(searchId, candidateId), sequence.ToString("D12", CultureInfo.InvariantCulture) + Extension);

    public async Task SaveAsync(string searchId, string candidateId, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.Sequence < 0) throw new ArgumentOutOfRangeException(nameof(checkpoint), checkpoint.Sequence, "sequence must not be negative");
        var path = PathOf(searchId, candidateId, checkpoint.Sequence);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var hash = Convert.ToHexStringLower(SHA256.HashData(checkpoint.Payload));
        await WriteAtomicallyAsync(path, checkpoint.Payload, cancellationToken);
        await WriteAtomicallyAsync(ChecksumPath(path), System.Text.Encoding.ASCII.GetBytes($"{hash}  {Path.GetFileName(path)}\n"), cancellationToken);
        Prune(Path.GetDirectoryName(path)!);
    }

    public async Task<Checkpoint?> LoadLatestAsync(string searchId, string candidateId, CancellationToken cancellationToken)
    {
        var folder = FolderOf(searchId, candidateId);
        foreach (var (sequence, path) in Checkpoints(folder))
        {
            var checksumPath = ChecksumPath(path);
            if (!File.Exists(checksumPath)) continue;
            var expected = (await File.ReadAllTextAsync(checksumPath, cancellationToken)).Split(' ', 2)[0].Trim();
            var payload = await File.ReadAllBytesAsync(path, cancellationToken);
            if (string.Equals(Convert.ToHexStringLower(SHA256.HashData(payload)), expected, StringComparison.OrdinalIgnoreCase))
                return new Checkpoint(sequence, payload);
        }
        return null;
    }

    /// <summary>The checkpoint files of a folder, newest (highest sequence) first.</summary>
    private static IEnumerable<(long Sequence, string Path)> Checkpoints(string folder)
    {
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "*" + Extension)
            .Select(path => (Ok: long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence), Sequence: sequence, Path: path))
            .Where(c => c.Ok)
            .OrderByDescending(c => c.Sequence)
            .Select(c => (c.Sequence, c.Path))
            .ToList();
    }

    private void Prune(string folder)
    {
        foreach (var (_, path) in Checkpoints(folder).Skip(Keep))
        {
            File.Delete(ChecksumPath(path));
            File.Delete(path);
        }
    }

    private static string ChecksumPath(string checkpointPath) => Path.ChangeExtension(checkpointPath, ChecksumExtension);

    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static string CheckName(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        if (value is "." or ".." || value.IndexOfAny(['/', '\\', '\0']) >= 0)
            throw new ArgumentException($"'{value}' cannot be used as a folder name.", name);
        return value;
    }
}
