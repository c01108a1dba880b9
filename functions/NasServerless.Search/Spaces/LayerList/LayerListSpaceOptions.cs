namespace NasServerless.Search.Spaces.LayerList;

/// <summary>
/// The allowed genes and their value choices for the layer-list space: the one place where its
/// defaults live. Values are discrete choices so that canonical JSON and hashes are exact.
/// </summary>
public sealed class LayerListSpaceOptions
{
    public IReadOnlyList<LayerKind> AllowedLayers { get; init; } = Enum.GetValues<LayerKind>();
    public int MinLayers { get; init; } = 1;
    public int MaxLayers { get; init; } = 20;
    /// <summary>Upper bound on trainable parameters, classifier included.</summary>
    public long MaxParameters { get; init; } = 2_000_000;
    public int NumClasses { get; init; } = 10;

    public IReadOnlyList<int> ConvolutionFilters { get; init; } = [8, 16, 24, 32, 48, 64, 96, 128];
    public IReadOnlyList<int> ConvolutionKernels { get; init; } = [1, 3, 5, 7];
    public IReadOnlyList<int> ConvolutionStrides { get; init; } = [1, 2];
    public IReadOnlyList<Activation> Activations { get; init; } = Enum.GetValues<Activation>();
    public IReadOnlyList<int> InceptionBranchWidths { get; init; } = [4, 8, 16, 24, 32, 48, 64];
    public IReadOnlyList<int> PoolingSizes { get; init; } = [2, 3];
    public IReadOnlyList<int> PoolingStrides { get; init; } = [1, 2];
    public IReadOnlyList<double> DropoutRates { get; init; } = [0.1, 0.2, 0.3, 0.4, 0.5];
    public IReadOnlyList<int> DenseUnits { get; init; } = [16, 32, 64, 128, 256, 512];

    public IReadOnlyList<double> LearningRates { get; init; } = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1];
    public IReadOnlyList<OptimizerKind> Optimizers { get; init; } = Enum.GetValues<OptimizerKind>();
    public IReadOnlyList<double> WeightDecays { get; init; } = [0, 1e-5, 1e-4, 5e-4, 1e-3];

    /// <summary>Every problem with these options, each naming the property; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Require(bool ok, string message)
        {
            if (!ok) errors.Add(message);
        }
        void Positive(IReadOnlyList<int> values, string name)
        {
            Require(values is { Count: > 0 }, $"{name}: at least one value is required");
            Require(values is null || values.All(v => v > 0), $"{name}: every value must be positive");
        }

        Require(AllowedLayers is { Count: > 0 }, $"{nameof(AllowedLayers)}: at least one layer kind is required");
        Require(MinLayers >= 0, $"{nameof(MinLayers)}: must be 0 or more");
        Require(MaxLayers >= Math.Max(1, MinLayers), $"{nameof(MaxLayers)}: must be at least {nameof(MinLayers)} and at least 1");
        Require(MaxLayers <= 200, $"{nameof(MaxLayers)}: at most 200 (genome size limit)");
        Require(MaxParameters > 0, $"{nameof(MaxParameters)}: must be positive");
        Require(NumClasses >= 2, $"{nameof(NumClasses)}: must be at least 2");
        Positive(ConvolutionFilters, nameof(ConvolutionFilters));
        Positive(ConvolutionKernels, nameof(ConvolutionKernels));
        Require(ConvolutionKernels is null || ConvolutionKernels.All(k => k % 2 == 1), $"{nameof(ConvolutionKernels)}: kernels must be odd for same padding");
        Positive(ConvolutionStrides, nameof(ConvolutionStrides));
        Require(Activations is { Count: > 0 }, $"{nameof(Activations)}: at least one activation is required");
        Positive(InceptionBranchWidths, nameof(InceptionBranchWidths));
        Positive(PoolingSizes, nameof(PoolingSizes));
        Positive(PoolingStrides, nameof(PoolingStrides));
        Require(DropoutRates is { Count: > 0 } && DropoutRates.All(r => r > 0 && r < 1), $"{nameof(DropoutRates)}: values must be in (0, 1)");
        Positive(DenseUnits, nameof(DenseUnits));
        Require(LearningRates is { Count: > 0 } && LearningRates.All(r => r > 0 && r < 10), $"{nameof(LearningRates)}: values must be in (0, 10)");
        Require(Optimizers is { Count: > 0 }, $"{nameof(Optimizers)}: at least one optimiser is required");
        Require(WeightDecays is { Count: > 0 } && WeightDecays.All(w => w >= 0 && w < 1), $"{nameof(WeightDecays)}: values must be in [0, 1)");
        return errors;
    }

    public LayerListSpaceOptions EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid layer-list space options: " + string.Join("; ", errors));
        return this;
    }
}
