using System.Text.Json.Serialization;

namespace NasServerless.Search.Spaces.LayerList;

/// <summary>
/// One layer of a layer-list genome. Records give value equality; the JSON discriminator "type"
/// is part of the canonical form, so it must never change for an existing kind.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ConvolutionGene), "conv")]
[JsonDerivedType(typeof(InceptionGene), "inception")]
[JsonDerivedType(typeof(PoolingGene), "pool")]
[JsonDerivedType(typeof(DropoutGene), "dropout")]
[JsonDerivedType(typeof(GlobalAveragePoolingGene), "global-avg-pool")]
[JsonDerivedType(typeof(DenseGene), "dense")]
public abstract record LayerGene
{
    [JsonIgnore]
    public LayerKind Kind => this switch
    {
        ConvolutionGene => LayerKind.Convolution,
        InceptionGene => LayerKind.Inception,
        PoolingGene => LayerKind.Pooling,
        DropoutGene => LayerKind.Dropout,
        GlobalAveragePoolingGene => LayerKind.GlobalAveragePooling,
        DenseGene => LayerKind.Dense,
        _ => throw new NotSupportedException(GetType().Name),
    };
}

/// <summary>Convolution with "same" padding (kernel/2); bias only without batch norm.</summary>
public sealed record ConvolutionGene(int Filters, int Kernel, int Stride, Activation Activation, bool BatchNorm) : LayerGene;

/// <summary>
/// GoogLeNet-style inception block: 1x1; 1x1→3x3; 1x1→5x5; 3x3 max-pool (stride 1)→1x1, concatenated.
/// Every convolution is followed by optional batch norm and the activation; the spatial size is kept.
/// </summary>
public sealed record InceptionGene(
    int Branch1x1,
    int Reduce3x3,
    int Branch3x3,
    int Reduce5x5,
    int Branch5x5,
    int PoolProjection,
    Activation Activation,
    bool BatchNorm) : LayerGene
{
    [JsonIgnore]
    public int OutputChannels => Branch1x1 + Branch3x3 + Branch5x5 + PoolProjection;
}

/// <summary>Max or average pooling without padding.</summary>
public sealed record PoolingGene(PoolingKind Pooling, int Size, int Stride) : LayerGene;

public sealed record DropoutGene(double Rate) : LayerGene;

/// <summary>Averages each channel to one value; only dense and dropout layers may follow.</summary>
public sealed record GlobalAveragePoolingGene : LayerGene;

/// <summary>Fully connected layer; a spatial input is flattened first. Only dense and dropout layers may follow.</summary>
public sealed record DenseGene(int Units, Activation Activation) : LayerGene;
