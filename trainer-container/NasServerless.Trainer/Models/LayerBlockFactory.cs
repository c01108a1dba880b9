using NasServerless.Search.Spaces.LayerList;
using TorchSharp;
using static TorchSharp.torch;

namespace NasServerless.Trainer.Models;

/// <summary>
/// One TorchSharp block per layer gene, one method per gene kind, each agreeing with <see cref="LayerListAnalyzer"/>
/// on output shape and trainable parameters. Blocks are <c>Sequential</c>s of named modules (or an
/// <see cref="InceptionBlock"/>), so state-dict keys read like PyTorch's: <c>layer03_conv.conv.weight</c>.
/// </summary>
public sealed class LayerBlockFactory(Generator? dropoutGenerator = null)
{
    /// <summary>The block for <paramref name="gene"/> applied to an input of shape <paramref name="input"/>.</summary>
    public nn.Module<Tensor, Tensor> Create(LayerGene gene, TensorShape input) => gene switch
    {
        ConvolutionGene c => Convolution(c, input),
        InceptionGene b => Inception(b, input),
        PoolingGene p => Pooling(p),
        DropoutGene d => Dropout(d),
        GlobalAveragePoolingGene => GlobalAveragePooling(),
        DenseGene d => Dense(d, input),
        _ => throw new NotSupportedException($"no block for gene type {gene.GetType().Name}"),
    };

    /// <summary>Convolution with "same" padding (kernel/2), optional batch norm, activation.</summary>
    public static nn.Module<Tensor, Tensor> Convolution(ConvolutionGene gene, TensorShape input) =>
        ConvolutionUnit(input.Channels, gene.Filters, gene.Kernel, gene.Stride, gene.Activation, gene.BatchNorm);

    public static nn.Module<Tensor, Tensor> Inception(InceptionGene gene, TensorShape input) => new InceptionBlock(gene, input.Channels);

    /// <summary>Max or average pooling without padding (average pooling thus never counts padding).</summary>
    public static nn.Module<Tensor, Tensor> Pooling(PoolingGene gene) => gene.Pooling switch
    {
        PoolingKind.Max => nn.MaxPool2d(gene.Size, stride: gene.Stride),
        PoolingKind.Average => nn.AvgPool2d(gene.Size, stride: gene.Stride),
        _ => throw new NotSupportedException($"pooling '{gene.Pooling}' has no TorchSharp module"),
    };

    public nn.Module<Tensor, Tensor> Dropout(DropoutGene gene) => new SeededDropout(gene.Rate, dropoutGenerator);

    /// <summary>Averages each channel to one value and flattens to [N, C].</summary>
    public static nn.Module<Tensor, Tensor> GlobalAveragePooling() =>
        nn.Sequential(("pool", nn.AdaptiveAvgPool2d(1)), ("flatten", nn.Flatten()));

    /// <summary>Flatten (a no-op on [N, F]), fully connected layer, activation.</summary>
    public static nn.Module<Tensor, Tensor> Dense(DenseGene gene, TensorShape input) =>
        nn.Sequential(("flatten", nn.Flatten()), ("linear", nn.Linear(input.Elements, gene.Units)), ("act", ActivationFactory.Create(gene.Activation)));

    /// <summary>The implicit classifier: flatten, then a linear layer to the class logits.</summary>
    public static nn.Module<Tensor, Tensor> Classifier(TensorShape input, int classes) =>
        nn.Sequential(("flatten", nn.Flatten()), ("linear", nn.Linear(input.Elements, classes)));

    /// <summary>Conv (bias only without batch norm) → optional BatchNorm2d → activation; padding kernel/2.</summary>
    public static nn.Module<Tensor, Tensor> ConvolutionUnit(int inputChannels, int filters, int kernel, int stride, Activation activation, bool batchNorm)
    {
        var conv = nn.Conv2d(inputChannels, filters, kernel, stride: stride, padding: kernel / 2, bias: !batchNorm);
        return batchNorm
            ? nn.Sequential(("conv", conv), ("bn", nn.BatchNorm2d(filters)), ("act", ActivationFactory.Create(activation)))
            : nn.Sequential(("conv", conv), ("act", ActivationFactory.Create(activation)));
    }
}
