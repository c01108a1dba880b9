using NasServerless.Search.Spaces.LayerList;

namespace NasServerless.Search.Tests.Spaces.LayerList;

/// <summary>Hand-written genomes used across the layer-list tests.</summary>
internal static class Genomes
{
    public static readonly TrainingGenes Adam = new(1e-3, OptimizerKind.Adam, 0);

    public static LayerListGenome Of(params LayerGene[] layers) => new(layers, Adam);

    public static ConvolutionGene Conv(int filters, int kernel = 3, int stride = 1, bool batchNorm = false) =>
        new(filters, kernel, stride, Activation.Relu, batchNorm);

    public static readonly InceptionGene Inception4 = new(4, 4, 4, 4, 4, 4, Activation.Relu, BatchNorm: true);

    public static LayerListSpace Space(TensorShape? input = null, LayerListSpaceOptions? options = null) =>
        new(options ?? new LayerListSpaceOptions(), input ?? TensorShape.Mnist);
}
