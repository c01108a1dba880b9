using NasServerless.Search.Randomness;

namespace NasServerless.Search.Spaces.LayerList;

/// <summary>Draws new genes and changes single gene fields, only ever from the configured choices.</summary>
internal sealed class LayerListGeneSampler(LayerListSpaceOptions options)
{
    private static readonly LayerKind[] SpatialKinds = [LayerKind.Convolution, LayerKind.Inception, LayerKind.Pooling, LayerKind.GlobalAveragePooling];
    private static readonly LayerKind[] FlatKinds = [LayerKind.Dense, LayerKind.Dropout];

    /// <summary>Inserts a random layer at a random position, of a kind that is legal there.</summary>
    public void Insert(List<LayerGene> layers, DeterministicRandom rng)
    {
        var position = rng.NextInt(layers.Count + 1);
        var firstFlat = layers.FindIndex(l => l.Kind is LayerKind.Dense or LayerKind.GlobalAveragePooling);
        var afterFlatten = firstFlat >= 0 && position > firstFlat;
        var spatialFollows = layers.Skip(position).Any(l => SpatialKinds.Contains(l.Kind));
        var kinds = options.AllowedLayers
            .Where(k => afterFlatten ? FlatKinds.Contains(k) : !spatialFollows || k is not (LayerKind.Dense or LayerKind.GlobalAveragePooling))
            .ToArray();
        if (kinds.Length == 0) return;
        layers.Insert(position, NewLayer(rng.Pick(kinds), rng));
    }

    public LayerGene NewLayer(LayerKind kind, DeterministicRandom rng)
    {
        var o = options;
        return kind switch
        {
            LayerKind.Convolution => new ConvolutionGene(rng.Pick(o.ConvolutionFilters), rng.Pick(o.ConvolutionKernels), rng.Pick(o.ConvolutionStrides), rng.Pick(o.Activations), rng.Chance(0.5)),
            LayerKind.Inception => new InceptionGene(Width(), Width(), Width(), Width(), Width(), Width(), rng.Pick(o.Activations), rng.Chance(0.5)),
            LayerKind.Pooling => new PoolingGene(rng.Chance(0.5) ? PoolingKind.Max : PoolingKind.Average, rng.Pick(o.PoolingSizes), rng.Pick(o.PoolingStrides)),
            LayerKind.Dropout => new DropoutGene(rng.Pick(o.DropoutRates)),
            LayerKind.GlobalAveragePooling => new GlobalAveragePoolingGene(),
            LayerKind.Dense => new DenseGene(rng.Pick(o.DenseUnits), rng.Pick(o.Activations)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        int Width() => rng.Pick(o.InceptionBranchWidths);
    }

    /// <summary>Changes one field of the gene to another allowed value (a gene without fields is redrawn as dropout or dense).</summary>
    public LayerGene Change(LayerGene gene, DeterministicRandom rng)
    {
        var o = options;
        switch (gene)
        {
            case ConvolutionGene c:
                return rng.NextInt(5) switch
                {
                    0 => c with { Filters = Other(c.Filters, o.ConvolutionFilters) },
                    1 => c with { Kernel = Other(c.Kernel, o.ConvolutionKernels) },
                    2 => c with { Stride = Other(c.Stride, o.ConvolutionStrides) },
                    3 => c with { Activation = Other(c.Activation, o.Activations) },
                    _ => c with { BatchNorm = !c.BatchNorm },
                };
            case InceptionGene b:
                return rng.NextInt(8) switch
                {
                    0 => b with { Branch1x1 = Other(b.Branch1x1, o.InceptionBranchWidths) },
                    1 => b with { Reduce3x3 = Other(b.Reduce3x3, o.InceptionBranchWidths) },
                    2 => b with { Branch3x3 = Other(b.Branch3x3, o.InceptionBranchWidths) },
                    3 => b with { Reduce5x5 = Other(b.Reduce5x5, o.InceptionBranchWidths) },
                    4 => b with { Branch5x5 = Other(b.Branch5x5, o.InceptionBranchWidths) },
                    5 => b with { PoolProjection = Other(b.PoolProjection, o.InceptionBranchWidths) },
                    6 => b with { Activation = Other(b.Activation, o.Activations) },
                    _ => b with { BatchNorm = !b.BatchNorm },
                };
            case PoolingGene p:
                return rng.NextInt(3) switch
                {
                    0 => p with { Pooling = p.Pooling == PoolingKind.Max ? PoolingKind.Average : PoolingKind.Max },
                    1 => p with { Size = Other(p.Size, o.PoolingSizes) },
                    _ => p with { Stride = Other(p.Stride, o.PoolingStrides) },
                };
            case DropoutGene d:
                return d with { Rate = Other(d.Rate, o.DropoutRates) };
            case DenseGene d:
                return rng.Chance(0.5) ? d with { Units = Other(d.Units, o.DenseUnits) } : d with { Activation = Other(d.Activation, o.Activations) };
            default:
                return gene;
        }

        T Other<T>(T current, IReadOnlyList<T> choices)
        {
            var others = choices.Where(c => !EqualityComparer<T>.Default.Equals(c, current)).ToArray();
            return others.Length == 0 ? current : rng.Pick(others);
        }
    }

    public TrainingGenes ChangeTraining(TrainingGenes t, DeterministicRandom rng)
    {
        var o = options;
        return rng.NextInt(3) switch
        {
            0 => t with { LearningRate = Other(t.LearningRate, o.LearningRates) },
            1 => t with { Optimizer = Other(t.Optimizer, o.Optimizers) },
            _ => t with { WeightDecay = Other(t.WeightDecay, o.WeightDecays) },
        };

        T Other<T>(T current, IReadOnlyList<T> choices)
        {
            var others = choices.Where(c => !EqualityComparer<T>.Default.Equals(c, current)).ToArray();
            return others.Length == 0 ? current : rng.Pick(others);
        }
    }
}
