using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using NasServerless.Contracts;
using NasServerless.Trainer.Checkpoints;

namespace NasServerless.Trainer.Storage;

/// <summary>
/// Checkpoints as blobs <c>checkpoints/{searchId}/{candidateId}/{sequence:D12}.ckpt</c>, each with the SHA-256 of
/// its content in the metadata (set in the same Put Blob, so content and checksum change together). Loading
/// returns the newest checkpoint whose checksum verifies: a corrupt, truncated or unsigned newest one falls back
/// to the previous. Saving a sequence again overwrites it (training is deterministic, so it is the same state).
/// After each save only the newest <c>keep</c> checkpoints are kept (0 keeps all).
/// </summary>
public sealed partial class BlobCheckpointStore(BlobContainerClient container, ILogger<BlobCheckpointStore> logger, int keep = 3) : ICheckpointStore
{
    public const string ChecksumMetadataKey = "sha256";
    public const string Extension = ".ckpt";

    public async Task SaveAsync(string searchId, string candidateId, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(checkpoint.Payload);
        ArgumentOutOfRangeException.ThrowIfNegative(checkpoint.Sequence);
        var name = BlobName(searchId, candidateId, checkpoint.Sequence);
        await container.GetBlobClient(name).UploadAsync(
            BinaryData.FromBytes(checkpoint.Payload),
            new BlobUploadOptions
            {
                Metadata = new Dictionary<string, string>
                {
                    [ChecksumMetadataKey] = Checksum(checkpoint.Payload),
                    ["sequence"] = checkpoint.Sequence.ToString(CultureInfo.InvariantCulture),
                },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
            },
            cancellationToken);
        logger.LogDebug("Saved checkpoint {Blob} ({Bytes} bytes)", name, checkpoint.Payload.Length);
        if (keep > 0) await PruneAsync(searchId, candidateId, cancellationToken);
    }

    public async Task<Checkpoint?> LoadLatestAsync(string searchId, string candidateId, CancellationToken cancellationToken)
    {
        foreach (var sequence in (await ListSequencesAsync(searchId, candidateId, cancellationToken)).OrderDescending())
        {
            var name = BlobName(searchId, candidateId, sequence);
            BlobDownloadResult download;
            try
            {
                download = (await container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                continue; // pruned between listing and reading
            }

            var payload = download.Content.ToArray();
            var expected = download.Details.Metadata.FirstOrDefault(m => string.Equals(m.Key, ChecksumMetadataKey, StringComparison.OrdinalIgnoreCase)).Value;
            if (expected is null)
            {
                logger.LogWarning("Checkpoint {Blob} has no {MetadataKey} metadata; falling back to an older checkpoint", name, ChecksumMetadataKey);
                continue;
            }
            var actual = Checksum(payload);
            if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
            {
                logger.LogWarning("Checkpoint {Blob} is corrupt (SHA-256 {Actual}, expected {Expected}); falling back to an older checkpoint", name, actual, expected);
                continue;
            }
            return new Checkpoint(sequence, payload);
        }
        return null;
    }

    /// <summary>The blob name of one checkpoint inside the checkpoints container.</summary>
    public static string BlobName(string searchId, string candidateId, long sequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(searchId);
        ArgumentException.ThrowIfNullOrWhiteSpace(candidateId);
        return $"{StorageNames.CheckpointPrefix(searchId, candidateId)}{sequence.ToString("D12", CultureInfo.InvariantCulture)}{Extension}";
    }

    private async Task<List<long>> ListSequencesAsync(string searchId, string candidateId, CancellationToken cancellationToken)
    {
        var prefix = StorageNames.CheckpointPrefix(searchId, candidateId);
        var sequences = new List<long>();
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            var match = CheckpointName().Match(item.Name, prefix.Length);
            if (match.Success && match.Index == prefix.Length)
            {
                sequences.Add(long.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
            }
        }
        return sequences;
    }

    private async Task PruneAsync(string searchId, string candidateId, CancellationToken cancellationToken)
    {
        foreach (var old in (await ListSequencesAsync(searchId, candidateId, cancellationToken)).OrderDescending().Skip(keep))
        {
            await container.GetBlobClient(BlobName(searchId, candidateId, old)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    private static string Checksum(byte[] payload) => Convert.ToHexStringLower(SHA256.HashData(payload));

    [GeneratedRegex(@"\G([0-9]{12})\.ckpt\z", RegexOptions.CultureInvariant)]
    private static partial Regex CheckpointName();
}
