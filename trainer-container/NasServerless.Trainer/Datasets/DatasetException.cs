namespace NasServerless.Trainer.Datasets;

/// <summary>
/// A dataset file is missing, truncated, of the wrong format, or fails its checksum.
/// The message always names the file; <see cref="FilePath"/> holds it too.
/// </summary>
public sealed class DatasetException : Exception
{
    public DatasetException(string filePath, string problem, Exception? innerException = null)
        : base($"{filePath}: {problem}", innerException)
    {
        FilePath = filePath;
    }

    public string FilePath { get; }
}
