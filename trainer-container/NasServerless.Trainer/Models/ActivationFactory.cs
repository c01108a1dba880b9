using NasServerless.Search.Spaces.LayerList;
using TorchSharp;
using static TorchSharp.torch;

namespace NasServerless.Trainer.Models;

/// <summary>The activation module of a gene's <see cref="Activation"/>, with PyTorch's default arguments.</summary>
public static class ActivationFactory
{
    public static nn.Module<Tensor, Tensor> Create(Activation activation) => activation switch
    {
        Activation.Relu => nn.ReLU(),
        Activation.Elu => nn.ELU(),
        Activation.LeakyRelu => nn.LeakyReLU(0.01),
        Activation.Gelu => nn.GELU(),
        _ => throw new NotSupportedException($"activation '{activation}' has no TorchSharp module"),
    };
}
