using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using NasServerless.Contracts;

namespace NasServerless.Trainer.Storage;

/// <summary>
/// Result blobs <c>results/{searchId}/{candidateId}.json</c>, written once (If-None-Match: *): whoever writes
/// first wins and everyone else reports the winner's result. Also answers whether a search was cancelled.
/// </summary>
public sealed class ResultStore(StorageClients storage)
{
    public async Task<bool> ExistsAsync(string searchId, string candidateId, CancellationToken cancellationToken) =>
        await Blob(searchId, candidateId).ExistsAsync(cancellationToken);

    public async Task<TrainingResult?> ReadAsync(string searchId, string candidateId, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Blob(searchId, candidateId).DownloadContentAsync(cancellationToken);
            return ContractJson.Deserialize<TrainingResult>(content.Value.Content.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Stores <paramref name="result"/> unless a result for the candidate exists; returns what is stored and whether it is ours.</summary>
    public async Task<StoredResult> WriteOnceAsync(TrainingResult result, CancellationToken cancellationToken)
    {
        var blob = Blob(result.SearchId, result.CandidateId);
        try
        {
            await blob.UploadAsync(
                BinaryData.FromString(ContractJson.Serialize(result)),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                },
                cancellationToken);
            return new StoredResult(result, Written: true);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            var theirs = await ReadAsync(result.SearchId, result.CandidateId, cancellationToken)
                ?? throw new InvalidOperationException($"result blob {blob.Name} was reported to exist ({e.Status}) but cannot be read", e);
            return new StoredResult(theirs, Written: false);
        }
    }

    public async Task<bool> IsSearchCancelledAsync(string searchId, CancellationToken cancellationToken) =>
        await storage.Searches.GetBlobClient(SearchCancellation.MarkerBlob(searchId)).ExistsAsync(cancellationToken);

    private BlobClient Blob(string searchId, string candidateId) =>
        storage.ResultBlobs.GetBlobClient(StorageNames.ResultBlob(searchId, candidateId));
}

/// <summary>The result now stored for a candidate; <paramref name="Written"/> is false when another worker stored it first.</summary>
public sealed record StoredResult(TrainingResult Result, bool Written);
