namespace NasServerless.Search.Spaces.LayerList;

/// <summary>
/// Turns the output of a variation operator into a valid genome, or null when it cannot:
/// drops spatial layers that follow a flatten, drops poolings that would collapse the map,
/// keeps the layer count in bounds, and shrinks a network over the parameter budget by
/// global-average-pooling before its classifier or removing its largest layer.
/// </summary>
internal sealed class LayerListRepair(LayerListAnalyzer analyzer, TensorShape input)
{
    private const int MaxShrinkSteps = 32;

    public LayerListGenome? Repair(LayerListGenome genome)
    {
        var options = analyzer.Options;
        var layers = DropIllegalOrder(genome.Layers);
        DropCollapsingPoolings(layers);
        while (layers.Count > options.MaxLayers) layers.RemoveAt(layers.Count - 1);
        if (layers.Count < options.MinLayers)
        {
            if (!options.AllowedLayers.Contains(LayerKind.Convolution)) return null;
            var conv = new ConvolutionGene(options.ConvolutionFilters.Min(), options.ConvolutionKernels.Min(), 1, options.Activations[0], false);
            while (layers.Count < options.MinLayers) layers.Insert(0, conv);
        }

        for (var step = 0; step < MaxShrinkSteps; step++)
        {
            var candidate = new LayerListGenome(layers.ToArray(), genome.Training);
            var analysis = analyzer.Analyze(candidate, input);
            if (analysis.IsValid) return candidate;
            if (analysis.Errors.Any(e => e.Path != "genome")) return null;
            if (!Shrink(layers, analysis)) return null;
        }
        return null;
    }

    private static List<LayerGene> DropIllegalOrder(IReadOnlyList<LayerGene> source)
    {
        var result = new List<LayerGene>(source.Count);
        var flattened = false;
        foreach (var gene in source)
        {
            if (flattened && gene.Kind is LayerKind.Convolution or LayerKind.Inception or LayerKind.Pooling or LayerKind.GlobalAveragePooling)
                continue;
            flattened |= gene.Kind is LayerKind.Dense or LayerKind.GlobalAveragePooling;
            result.Add(gene);
        }
        return result;
    }

    private void DropCollapsingPoolings(List<LayerGene> layers)
    {
        var height = input.Height;
        var width = input.Width;
        for (var i = 0; i < layers.Count; i++)
        {
            switch (layers[i])
            {
                case PoolingGene p when height < p.Size || width < p.Size:
                    layers.RemoveAt(i--);
                    break;
                case PoolingGene p:
                    height = (height - p.Size) / p.Stride + 1;
                    width = (width - p.Size) / p.Stride + 1;
                    break;
                case ConvolutionGene c:
                    height = (height - 1) / c.Stride + 1;
                    width = (width - 1) / c.Stride + 1;
                    break;
                case GlobalAveragePoolingGene or DenseGene:
                    height = width = 1;
                    break;
            }
        }
    }

    /// <summary>One step towards the parameter budget; false when nothing more can be done.</summary>
    private bool Shrink(List<LayerGene> layers, GenomeAnalysis analysis)
    {
        var largest = analysis.Layers.MaxBy(r => r.Parameters)!;
        var flattenAt = layers.FindIndex(l => l.Kind is LayerKind.Dense or LayerKind.GlobalAveragePooling);
        var flattenPoint = flattenAt < 0 ? layers.Count : flattenAt;
        var spatialBeforeFlatten = flattenPoint == 0 ? input : analysis.Layers[flattenPoint - 1].Output;
        var flattensByDense = flattenAt < 0 || layers[flattenAt] is DenseGene;
        var canPoolGlobally = flattensByDense && spatialBeforeFlatten.Height * spatialBeforeFlatten.Width > 1
                              && analyzer.Options.AllowedLayers.Contains(LayerKind.GlobalAveragePooling);
        if (largest.Index >= flattenPoint && canPoolGlobally)
        {
            layers.Insert(flattenPoint, new GlobalAveragePoolingGene());
            return layers.Count <= analyzer.Options.MaxLayers || RemoveLast(layers);
        }
        if (largest.Index >= layers.Count || layers.Count <= analyzer.Options.MinLayers) return false;
        layers.RemoveAt(largest.Index);
        return true;
    }

    private bool RemoveLast(List<LayerGene> layers)
    {
        if (layers.Count <= analyzer.Options.MinLayers) return false;
        layers.RemoveAt(layers.Count - 1);
        return true;
    }
}
