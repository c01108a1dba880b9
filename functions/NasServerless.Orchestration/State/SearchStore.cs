using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using NasServerless.Contracts;
using NasServerless.Orchestration.Definitions;
using NasServerless.Orchestration.Engine;
using NasServerless.Orchestration.Reports;

namespace NasServerless.Orchestration.State;

/// <summary>
/// Search state in blobs. Every write is idempotent: documents derived from immutable inputs are
/// simply rewritten with the same content, and results are written once (If-None-Match: *).
/// </summary>
public sealed class SearchStore(BlobServiceClient blobs)
{
    private static readonly JsonSerializerOptions Json = ContractJson.Options;
    private readonly BlobContainerClient _searches = blobs.GetBlobContainerClient(StorageNames.SearchesContainer);
    private readonly BlobContainerClient _results = blobs.GetBlobContainerClient(StorageNames.ResultsContainer);

    public async Task EnsureContainersAsync(CancellationToken cancellationToken = default)
    {
        await _searches.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await _results.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await blobs.GetBlobContainerClient(StorageNames.CheckpointsContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    public Task SaveDefinitionAsync(string searchId, SearchDefinition definition) => WriteAsync(SearchPaths.Definition(searchId), definition);
    public Task<SearchDefinition?> GetDefinitionAsync(string searchId) => ReadAsync<SearchDefinition>(SearchPaths.Definition(searchId));

    /// <summary>When the search was submitted: the definition blob's creation time (the orchestration's own resets on ContinueAsNew).</summary>
    public async Task<DateTimeOffset?> GetSubmittedAtAsync(string searchId)
    {
        try
        {
            return (await _searches.GetBlobClient(SearchPaths.Definition(searchId)).GetPropertiesAsync()).Value.CreatedOn;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public Task SavePlanAsync(string searchId, GenerationPlanDocument plan) => WriteAsync(SearchPaths.Plan(searchId, plan.Generation), plan);
    public Task<GenerationPlanDocument?> TryGetPlanAsync(string searchId, int generation) => ReadAsync<GenerationPlanDocument>(SearchPaths.Plan(searchId, generation));
    public async Task<GenerationPlanDocument> GetPlanAsync(string searchId, int generation) =>
        await ReadAsync<GenerationPlanDocument>(SearchPaths.Plan(searchId, generation)) ?? throw Missing(SearchPaths.Plan(searchId, generation));

    public async Task<string> SavePopulationAsync(string blobName, IReadOnlyList<PopulationMember> members)
    {
        await WriteAsync(blobName, members);
        return blobName;
    }

    public async Task<IReadOnlyList<PopulationMember>> GetPopulationAsync(string blobName) =>
        await ReadAsync<List<PopulationMember>>(blobName) ?? throw Missing(blobName);

    public Task SaveArchiveAsync(string searchId, int generation, IReadOnlyList<PopulationMember> archive) => WriteAsync(SearchPaths.Archive(searchId, generation), archive);
    public async Task<IReadOnlyList<PopulationMember>?> GetArchiveAsync(string searchId, int generation) => await ReadAsync<List<PopulationMember>>(SearchPaths.Archive(searchId, generation));

    public Task SaveEvaluatedAsync(string searchId, int generation, IReadOnlyList<string> ids) => WriteAsync(SearchPaths.Evaluated(searchId, generation), ids);
    public async Task<IReadOnlyList<string>> GetEvaluatedAsync(string searchId, int generation) =>
        generation < 0 ? [] : await ReadAsync<List<string>>(SearchPaths.Evaluated(searchId, generation)) ?? throw Missing(SearchPaths.Evaluated(searchId, generation));

    /// <summary>Saves the front of a generation, and the same as the search's current <c>front.json</c>.</summary>
    public async Task SaveFrontAsync(string searchId, FrontDocument front)
    {
        await WriteAsync(SearchPaths.GenerationFront(searchId, front.Generation), front);
        await WriteAsync(SearchPaths.Front(searchId), front);
    }

    public Task<FrontDocument?> GetFrontAsync(string searchId) => ReadAsync<FrontDocument>(SearchPaths.Front(searchId));
    public Task<FrontDocument?> GetFrontAsync(string searchId, int generation) => ReadAsync<FrontDocument>(SearchPaths.GenerationFront(searchId, generation));

    public Task SavePointsAsync(string searchId, int generation, IReadOnlyList<EvaluatedPoint> points) => WriteAsync(SearchPaths.Points(searchId, generation), points);
    public async Task<IReadOnlyList<EvaluatedPoint>?> GetPointsAsync(string searchId, int generation) => await ReadAsync<List<EvaluatedPoint>>(SearchPaths.Points(searchId, generation));

    /// <summary>Rewrites <c>front.svg</c> with the SVG content type, so the blob can be served as it is.</summary>
    public async Task SaveFrontPlotAsync(string searchId, string svg) =>
        await _searches.GetBlobClient(SearchPaths.FrontPlot(searchId)).UploadAsync(
            BinaryData.FromString(svg),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = FrontPlot.ContentType } });

    /// <summary>The current front plot, or null before the first generation completed.</summary>
    public async Task<BinaryData?> GetFrontPlotAsync(string searchId, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await _searches.GetBlobClient(SearchPaths.FrontPlot(searchId)).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public Task MarkCancelledAsync(string searchId) => WriteAsync(SearchPaths.Cancelled(searchId), new { cancelled = true });

    public async Task<bool> ResultExistsAsync(string searchId, string candidateId) =>
        (await _results.GetBlobClient(StorageNames.ResultBlob(searchId, candidateId)).ExistsAsync()).Value;

    public async Task<TrainingResult?> GetResultAsync(string searchId, string candidateId)
    {
        try
        {
            var content = await _results.GetBlobClient(StorageNames.ResultBlob(searchId, candidateId)).DownloadContentAsync();
            return content.Value.Content.ToObjectFromJson<TrainingResult>(Json);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Writes the result unless one exists already; the first writer wins.</summary>
    public async Task<bool> TryWriteResultAsync(TrainingResult result)
    {
        try
        {
            await _results.GetBlobClient(StorageNames.ResultBlob(result.SearchId, result.CandidateId)).UploadAsync(
                BinaryData.FromObjectAsJson(result, Json),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } });
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>How many results exist for a search (trained or failed), by listing its folder.</summary>
    public async Task<int> CountResultsAsync(string searchId, CancellationToken cancellationToken = default)
    {
        var count = 0;
        await foreach (var _ in _results.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{searchId}/", cancellationToken)) count++;
        return count;
    }

    private async Task WriteAsync<T>(string blobName, T value) =>
        await _searches.GetBlobClient(blobName).UploadAsync(BinaryData.FromObjectAsJson(value, Json), overwrite: true);

    private async Task<T?> ReadAsync<T>(string blobName) where T : class
    {
        try
        {
            var content = await _searches.GetBlobClient(blobName).DownloadContentAsync();
            return content.Value.Content.ToObjectFromJson<T>(Json);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static InvalidOperationException Missing(string blobName) => new($"search state blob '{StorageNames.SearchesContainer}/{blobName}' is missing");
}
