namespace NasServerless.Contracts;

/// <summary>
/// Queue, container and blob names: the whole contract between hosts and trainers besides the messages.
/// A candidate id is the genome's content hash, so one architecture is trained at most once per search
/// whichever island or generation asks for it.
/// </summary>
public static class StorageNames
{
    public const string JobsQueue = "training-jobs";
    public const string ResultsQueue = "training-results";
    public const string PoisonQueue = "training-jobs-poison";

    public const string SearchesContainer = "searches";
    public const string ResultsContainer = "results";
    public const string CheckpointsContainer = "checkpoints";
    public const string DatasetsContainer = "datasets";

    /// <summary>Blob in <see cref="ResultsContainer"/>: written once per candidate (If-None-Match: *).</summary>
    public static string ResultBlob(string searchId, string candidateId) => $"{searchId}/{candidateId}.json";

    /// <summary>Folder in <see cref="CheckpointsContainer"/> holding one candidate's epoch checkpoints.</summary>
    public static string CheckpointPrefix(string searchId, string candidateId) => $"{searchId}/{candidateId}/";

    /// <summary>Blob in <see cref="CheckpointsContainer"/> with the trained weights reported on the front.</summary>
    public static string WeightsBlob(string searchId, string candidateId) => $"{searchId}/{candidateId}/final.weights";

    /// <summary>
    /// Folder in <see cref="CheckpointsContainer"/> with the trained network for PyTorch users: <c>model.safetensors</c>,
    /// <c>model.py</c> and <c>genome.json</c>.
    /// </summary>
    public static string PyTorchExportPrefix(string searchId, string candidateId) => $"{searchId}/{candidateId}/pytorch/";
}
