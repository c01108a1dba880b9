using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging.Abstractions;
using NasServerless.Contracts;
using NasServerless.Trainer.Checkpoints;
using NasServerless.Trainer.IntegrationTests.Support;
using NasServerless.Trainer.Storage;

namespace NasServerless.Trainer.IntegrationTests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobCheckpointStoreTests(AzuriteFixture azurite)
{
    private static byte[] Payload(long sequence) => [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 31 + sequence * 7) % 251))];

    [Fact]
    public async Task LoadLatest_NoCheckpoints_ReturnsNull()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var store = new BlobCheckpointStore(storage.Checkpoints, NullLogger<BlobCheckpointStore>.Instance);

        Assert.Null(await store.LoadLatestAsync("s", "c", CancellationToken.None));
    }

    [Fact]
    public async Task LoadLatest_SeveralCheckpoints_ReturnsNewestWithItsPayload()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var store = new BlobCheckpointStore(storage.Checkpoints, NullLogger<BlobCheckpointStore>.Instance);
        foreach (var sequence in new long[] { 1_000_000, 3_000_000, 2_000_000 }) await store.SaveAsync("s", "c", new Checkpoint(sequence, Payload(sequence)), CancellationToken.None);

        var latest = await store.LoadLatestAsync("s", "c", CancellationToken.None);

        Assert.NotNull(latest);
        Assert.Equal(3_000_000, latest.Sequence);
        Assert.Equal(Payload(3_000_000), latest.Payload);
        Assert.Equal(["s/c/000001000000.ckpt", "s/c/000002000000.ckpt", "s/c/000003000000.ckpt"], (await storage.BlobNamesAsync(storage.Checkpoints)).Order());
    }

    [Fact]
    public async Task LoadLatest_NewestCorrupt_FallsBackToPrevious()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var store = new BlobCheckpointStore(storage.Checkpoints, NullLogger<BlobCheckpointStore>.Instance);
        await store.SaveAsync("s", "c", new Checkpoint(1, Payload(1)), CancellationToken.None);
        await store.SaveAsync("s", "c", new Checkpoint(2, Payload(2)), CancellationToken.None);
        await store.SaveAsync("s", "c", new Checkpoint(3, Payload(3)), CancellationToken.None);

        // Bit rot in the newest checkpoint: same metadata (checksum of the original), one byte flipped.
        var newest = storage.Checkpoints.GetBlobClient(BlobCheckpointStore.BlobName("s", "c", 3));
        var properties = (await newest.GetPropertiesAsync()).Value;
        var damaged = Payload(3);
        damaged[100] ^= 0xFF;
        await newest.UploadAsync(BinaryData.FromBytes(damaged), new BlobUploadOptions { Metadata = properties.Metadata });

        var latest = await store.LoadLatestAsync("s", "c", CancellationToken.None);

        Assert.NotNull(latest);
        Assert.Equal(2, latest.Sequence);
        Assert.Equal(Payload(2), latest.Payload);
    }

    [Fact]
    public async Task LoadLatest_NewestTruncatedAndPreviousUnsigned_FallsBackToOldestGood()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var store = new BlobCheckpointStore(storage.Checkpoints, NullLogger<BlobCheckpointStore>.Instance, keep: 0);
        await store.SaveAsync("s", "c", new Checkpoint(1, Payload(1)), CancellationToken.None);
        await store.SaveAsync("s", "c", new Checkpoint(3, Payload(3)), CancellationToken.None);
        // A checkpoint written without a checksum (e.g. by hand) is not trusted.
        await storage.Checkpoints.GetBlobClient(BlobCheckpointStore.BlobName("s", "c", 2)).UploadAsync(BinaryData.FromBytes(Payload(2)));
        // A torn write of the newest: half the bytes, the full payload's checksum.
        var newest = storage.Checkpoints.GetBlobClient(BlobCheckpointStore.BlobName("s", "c", 3));
        var metadata = (await newest.GetPropertiesAsync()).Value.Metadata;
        await newest.UploadAsync(BinaryData.FromBytes(Payload(3)[..2048]), new BlobUploadOptions { Metadata = metadata });

        var latest = await store.LoadLatestAsync("s", "c", CancellationToken.None);

        Assert.NotNull(latest);
        Assert.Equal(1, latest.Sequence);
    }

    [Fact]
    public async Task Save_SameSequenceTwice_OverwritesIdempotently()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var store = new BlobCheckpointStore(storage.Checkpoints, NullLogger<BlobCheckpointStore>.Instance);

        await store.SaveAsync("s", "c", new Checkpoint(7, Payload(7)), CancellationToken.None);
        await store.SaveAsync("s", "c", new Checkpoint(7, Payload(7)), CancellationToken.None);

        Assert.Equal(["s/c/000000000007.ckpt"], await storage.BlobNamesAsync(storage.Checkpoints));
        var latest = await store.LoadLatestAsync("s", "c", CancellationToken.None);
        Assert.Equal(Payload(7), latest!.Payload);
    }

    [Fact]
    public async Task Save_MoreThanKeep_PrunesOldestAndLeavesOtherBlobsAlone()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var store = new BlobCheckpointStore(storage.Checkpoints, NullLogger<BlobCheckpointStore>.Instance, keep: 3);
        await storage.Checkpoints.GetBlobClient(StorageNames.WeightsBlob("s", "c")).UploadAsync(BinaryData.FromString("weights"));
        await store.SaveAsync("other", "c", new Checkpoint(1, Payload(1)), CancellationToken.None);

        for (var sequence = 1; sequence <= 5; sequence++) await store.SaveAsync("s", "c", new Checkpoint(sequence, Payload(sequence)), CancellationToken.None);

        Assert.Equal(["other/c/000000000001.ckpt", "s/c/000000000003.ckpt", "s/c/000000000004.ckpt", "s/c/000000000005.ckpt", "s/c/final.weights"],
            (await storage.BlobNamesAsync(storage.Checkpoints)).Order(StringComparer.Ordinal));
        Assert.Equal(5, (await store.LoadLatestAsync("s", "c", CancellationToken.None))!.Sequence);
    }
}
