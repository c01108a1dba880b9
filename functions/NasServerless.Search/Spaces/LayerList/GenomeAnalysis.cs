namespace NasServerless.Search.Spaces.LayerList;

/// <summary>A problem with one gene: <see cref="Path"/> is e.g. "layers[3]" or "training.learningRate".</summary>
public sealed record GenomeError(string Path, int? GeneIndex, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}

/// <summary>Output shape, trainable parameters and multiply-adds of one layer (the classifier has index Layers.Count).</summary>
public sealed record LayerReport(int Index, string Kind, TensorShape Output, long Parameters, long Flops);

/// <summary>The result of analytic shape inference: exact counts without building the network.</summary>
public sealed record GenomeAnalysis(
    TensorShape Input,
    IReadOnlyList<LayerReport> Layers,
    long Parameters,
    long Flops,
    IReadOnlyList<GenomeError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
