namespace NasServerless.Trainer.Storage;

/// <summary>
/// A cancelled search is marked by the blob <c>searches/{searchId}/cancelled</c> (any content), written by
/// <c>DELETE /api/searches/{id}</c>; workers drop that search's queued jobs without training or publishing.
/// </summary>
public static class SearchCancellation
{
    /// <summary>The marker's name in <see cref="NasServerless.Contracts.StorageNames.SearchesContainer"/>.</summary>
    public static string MarkerBlob(string searchId) => $"{searchId}/cancelled";
}
