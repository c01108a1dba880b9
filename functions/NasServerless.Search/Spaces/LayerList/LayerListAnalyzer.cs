using System.Globalization;

namespace NasServerless.Search.Spaces.LayerList;

/// <summary>
/// Analytic shape inference for layer-list genomes: output shape per layer, exact trainable
/// parameters (weights, biases, batch-norm affine) and multiply-adds per image, and every reason
/// the genome is invalid. The trainer's TorchSharp builder must agree with these counts.
/// FLOPs count the multiply-adds of convolutions and dense layers (the conventional measure);
/// pooling, batch norm and activations are not counted.
/// </summary>
public sealed class LayerListAnalyzer(LayerListSpaceOptions options)
{
    public LayerListSpaceOptions Options { get; } = options.EnsureValid();

    public GenomeAnalysis Analyze(LayerListGenome genome, TensorShape input)
    {
        var errors = new List<GenomeError>();
        var reports = new List<LayerReport>(genome.Layers.Count + 1);
        CheckTraining(genome.Training, errors);
        if (genome.Layers.Count < Options.MinLayers || genome.Layers.Count > Options.MaxLayers)
            errors.Add(new GenomeError("layers", null, $"has {genome.Layers.Count} layers; allowed {Options.MinLayers} to {Options.MaxLayers}"));

        var shape = input;
        var flattened = false;
        var shapeKnown = true;
        long parameters = 0, flops = 0;
        for (var i = 0; i < genome.Layers.Count; i++)
        {
            var gene = genome.Layers[i];
            var path = $"layers[{i}]";
            if (gene is null)
            {
                errors.Add(new GenomeError(path, i, "is null"));
                shapeKnown = false;
                continue;
            }
            if (!Options.AllowedLayers.Contains(gene.Kind))
                errors.Add(new GenomeError(path, i, $"layer kind '{KindName(gene.Kind)}' is not allowed in this search space"));
            CheckChoices(gene, path, i, errors);
            if (!shapeKnown) continue;

            if (flattened && gene.Kind is LayerKind.Convolution or LayerKind.Inception or LayerKind.Pooling or LayerKind.GlobalAveragePooling)
            {
                errors.Add(new GenomeError(path, i, $"'{KindName(gene.Kind)}' needs a spatial input but follows a dense or global-average-pool layer"));
                shapeKnown = false;
                continue;
            }
            var (next, p, f, error) = Infer(gene, shape);
            if (error is not null)
            {
                errors.Add(new GenomeError(path, i, error));
                shapeKnown = false;
                continue;
            }
            shape = next;
            flattened |= gene.Kind is LayerKind.Dense or LayerKind.GlobalAveragePooling;
            parameters += p;
            flops += f;
            reports.Add(new LayerReport(i, KindName(gene.Kind), shape, p, f));
        }

        if (shapeKnown)
        {
            var features = shape.Elements;
            var classifierParameters = features * Options.NumClasses + Options.NumClasses;
            parameters += classifierParameters;
            flops += features * Options.NumClasses;
            reports.Add(new LayerReport(genome.Layers.Count, "classifier", new TensorShape(Options.NumClasses, 1, 1), classifierParameters, features * Options.NumClasses));
            if (parameters > Options.MaxParameters)
                errors.Add(new GenomeError("genome", null, $"has {parameters:N0} parameters, over the budget of {Options.MaxParameters:N0}"));
        }
        return new GenomeAnalysis(input, reports, shapeKnown ? parameters : 0, shapeKnown ? flops : 0, errors);
    }

    public static string KindName(LayerKind kind) => kind switch
    {
        LayerKind.Convolution => "conv",
        LayerKind.Inception => "inception",
        LayerKind.Pooling => "pool",
        LayerKind.Dropout => "dropout",
        LayerKind.GlobalAveragePooling => "global-avg-pool",
        LayerKind.Dense => "dense",
        _ => kind.ToString(),
    };

    private static (TensorShape Shape, long Parameters, long Flops, string? Error) Infer(LayerGene gene, TensorShape s)
    {
        switch (gene)
        {
            case ConvolutionGene c:
            {
                // "Same" padding of kernel/2: the output is ceil(size / stride) and never collapses.
                var h = (s.Height - 1) / c.Stride + 1;
                var w = (s.Width - 1) / c.Stride + 1;
                var p = ConvParameters(s.Channels, c.Filters, c.Kernel, c.BatchNorm);
                var f = (long)h * w * c.Filters * s.Channels * c.Kernel * c.Kernel;
                return (new TensorShape(c.Filters, h, w), p, f, null);
            }
            case InceptionGene b:
            {
                var cin = s.Channels;
                var p = ConvParameters(cin, b.Branch1x1, 1, b.BatchNorm)
                        + ConvParameters(cin, b.Reduce3x3, 1, b.BatchNorm) + ConvParameters(b.Reduce3x3, b.Branch3x3, 3, b.BatchNorm)
                        + ConvParameters(cin, b.Reduce5x5, 1, b.BatchNorm) + ConvParameters(b.Reduce5x5, b.Branch5x5, 5, b.BatchNorm)
                        + ConvParameters(cin, b.PoolProjection, 1, b.BatchNorm);
                var macsPerPixel = (long)cin * b.Branch1x1 + (long)cin * b.Reduce3x3 + 9L * b.Reduce3x3 * b.Branch3x3
                                   + (long)cin * b.Reduce5x5 + 25L * b.Reduce5x5 * b.Branch5x5 + (long)cin * b.PoolProjection;
                return (new TensorShape(b.OutputChannels, s.Height, s.Width), p, macsPerPixel * s.Height * s.Width, null);
            }
            case PoolingGene pool:
            {
                if (s.Height < pool.Size || s.Width < pool.Size)
                    return (s, 0, 0, $"{pool.Size}x{pool.Size} pooling needs an input of at least {pool.Size}x{pool.Size}, got {s.Height}x{s.Width}: the spatial size would collapse below 1");
                var h = (s.Height - pool.Size) / pool.Stride + 1;
                var w = (s.Width - pool.Size) / pool.Stride + 1;
                return (new TensorShape(s.Channels, h, w), 0, 0, null);
            }
            case DropoutGene:
                return (s, 0, 0, null);
            case GlobalAveragePoolingGene:
                return (new TensorShape(s.Channels, 1, 1), 0, 0, null);
            case DenseGene d:
            {
                var features = s.Elements;
                return (new TensorShape(d.Units, 1, 1), features * d.Units + d.Units, features * d.Units, null);
            }
            default:
                return (s, 0, 0, $"unknown gene type {gene.GetType().Name}");
        }
    }

    /// <summary>Weights, plus a bias without batch norm or the batch-norm scale and shift with it.</summary>
    public static long ConvParameters(int inputChannels, int filters, int kernel, bool batchNorm) =>
        (long)inputChannels * filters * kernel * kernel + (batchNorm ? 2L * filters : filters);

    private void CheckTraining(TrainingGenes? t, List<GenomeError> errors)
    {
        if (t is null)
        {
            errors.Add(new GenomeError("training", null, "is missing"));
            return;
        }
        if (!Options.LearningRates.Contains(t.LearningRate))
            errors.Add(new GenomeError("training.learningRate", null, $"{Format(t.LearningRate)} is not one of [{string.Join(", ", Options.LearningRates.Select(Format))}]"));
        if (!Options.Optimizers.Contains(t.Optimizer))
            errors.Add(new GenomeError("training.optimizer", null, $"'{t.Optimizer}' is not allowed"));
        if (!Options.WeightDecays.Contains(t.WeightDecay))
            errors.Add(new GenomeError("training.weightDecay", null, $"{Format(t.WeightDecay)} is not one of [{string.Join(", ", Options.WeightDecays.Select(Format))}]"));
    }

    private void CheckChoices(LayerGene gene, string path, int index, List<GenomeError> errors)
    {
        void OneOf<T>(T value, IReadOnlyList<T> allowed, string field)
        {
            if (!allowed.Contains(value))
                errors.Add(new GenomeError($"{path}.{field}", index, $"{FormatValue(value)} is not one of [{string.Join(", ", allowed.Select(FormatValue))}]"));
        }

        switch (gene)
        {
            case ConvolutionGene c:
                OneOf(c.Filters, Options.ConvolutionFilters, "filters");
                OneOf(c.Kernel, Options.ConvolutionKernels, "kernel");
                OneOf(c.Stride, Options.ConvolutionStrides, "stride");
                OneOf(c.Activation, Options.Activations, "activation");
                break;
            case InceptionGene b:
                OneOf(b.Branch1x1, Options.InceptionBranchWidths, "branch1x1");
                OneOf(b.Reduce3x3, Options.InceptionBranchWidths, "reduce3x3");
                OneOf(b.Branch3x3, Options.InceptionBranchWidths, "branch3x3");
                OneOf(b.Reduce5x5, Options.InceptionBranchWidths, "reduce5x5");
                OneOf(b.Branch5x5, Options.InceptionBranchWidths, "branch5x5");
                OneOf(b.PoolProjection, Options.InceptionBranchWidths, "poolProjection");
                OneOf(b.Activation, Options.Activations, "activation");
                break;
            case PoolingGene p:
                OneOf(p.Size, Options.PoolingSizes, "size");
                OneOf(p.Stride, Options.PoolingStrides, "stride");
                if (!Enum.IsDefined(p.Pooling)) errors.Add(new GenomeError($"{path}.pooling", index, $"'{p.Pooling}' is not max or avg"));
                break;
            case DropoutGene d:
                OneOf(d.Rate, Options.DropoutRates, "rate");
                break;
            case DenseGene d:
                OneOf(d.Units, Options.DenseUnits, "units");
                OneOf(d.Activation, Options.Activations, "activation");
                break;
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string FormatValue<T>(T value) => value is double d ? Format(d) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";
}
