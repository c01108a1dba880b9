using NasServerless.Trainer.Checkpoints;

namespace NasServerless.Trainer.Tests.Checkpoints;

public sealed class FolderCheckpointStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "nas-ckpt-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static Checkpoint At(long sequence) => new(sequence, [.. Enumerable.Range(0, 64).Select(i => (byte)(i + sequence))]);

    [Fact]
    public async Task LoadLatest_SeveralSaved_ReturnsHighestSequence()
    {
        var store = new FolderCheckpointStore(_root);
        await store.SaveAsync("s1", "c1", At(2_000_000), CancellationToken.None);
        await store.SaveAsync("s1", "c1", At(1_000_000), CancellationToken.None);
        await store.SaveAsync("s1", "c1", At(1_000_005), CancellationToken.None);

        var latest = await store.LoadLatestAsync("s1", "c1", CancellationToken.None);

        Assert.Equal(2_000_000, latest!.Sequence);
        Assert.Equal(At(2_000_000).Payload, latest.Payload);
        Assert.True(File.Exists(Path.Combine(_root, "s1", "c1", "000002000000.ckpt")));
        Assert.StartsWith(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(latest.Payload)),
            File.ReadAllText(Path.Combine(_root, "s1", "c1", "000002000000.ckpt.sha256")));
    }

    [Fact]
    public async Task LoadLatest_NothingSaved_ReturnsNull()
    {
        var store = new FolderCheckpointStore(_root);

        Assert.Null(await store.LoadLatestAsync("s1", "unknown", CancellationToken.None));
    }

    [Fact]
    public async Task LoadLatest_CorruptNewest_FallsBackToPrevious()
    {
        var store = new FolderCheckpointStore(_root);
        await store.SaveAsync("s1", "c1", At(1_000_000), CancellationToken.None);
        await store.SaveAsync("s1", "c1", At(2_000_000), CancellationToken.None);
        var newest = store.PathOf("s1", "c1", 2_000_000);
        var bytes = File.ReadAllBytes(newest);
        bytes[10] ^= 0xFF;
        File.WriteAllBytes(newest, bytes);

        var latest = await store.LoadLatestAsync("s1", "c1", CancellationToken.None);

        Assert.Equal(1_000_000, latest!.Sequence);
        Assert.Equal(At(1_000_000).Payload, latest.Payload);
    }

    [Fact]
    public async Task LoadLatest_NewestWithoutChecksum_IsIgnored()
    {
        var store = new FolderCheckpointStore(_root);
        await store.SaveAsync("s1", "c1", At(1_000_000), CancellationToken.None);
        await store.SaveAsync("s1", "c1", At(2_000_000), CancellationToken.None);
        File.Delete(store.PathOf("s1", "c1", 2_000_000) + ".sha256");

        Assert.Equal(1_000_000, (await store.LoadLatestAsync("s1", "c1", CancellationToken.None))!.Sequence);
    }

    [Fact]
    public async Task Save_SameSequenceTwice_KeepsOneValidCheckpoint()
    {
        var store = new FolderCheckpointStore(_root);
        await store.SaveAsync("s1", "c1", At(7), CancellationToken.None);
        await store.SaveAsync("s1", "c1", new Checkpoint(7, [1, 2, 3]), CancellationToken.None);

        var latest = await store.LoadLatestAsync("s1", "c1", CancellationToken.None);

        Assert.Equal(new byte[] { 1, 2, 3 }, latest!.Payload);
        Assert.Equal(["000000000007.ckpt", "000000000007.ckpt.sha256"], Directory.GetFiles(store.FolderOf("s1", "c1")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Save_MoreThanKeep_DeletesOldest()
    {
        var store = new FolderCheckpointStore(_root, keep: 2);
        foreach (var sequence in new long[] { 1, 2, 3, 4 }) await store.SaveAsync("s1", "c1", At(sequence), CancellationToken.None);

        var files = Directory.GetFiles(store.FolderOf("s1", "c1"), "*.ckpt").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(["000000000003.ckpt", "000000000004.ckpt"], files);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task Save_IdThatIsNotAFolderName_Throws(string candidateId)
    {
        var store = new FolderCheckpointStore(_root);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SaveAsync("s1", candidateId, At(1), CancellationToken.None));
    }
}
