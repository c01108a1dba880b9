using NasServerless.Search.Spaces.LayerList;
using TorchSharp;
using static TorchSharp.torch;

namespace NasServerless.Trainer.Models;

/// <summary>
/// GoogLeNet's inception module as <see cref="InceptionGene"/> defines it: four branches over the same input — 1x1;
/// 1x1→3x3; 1x1→5x5; 3x3 max-pool (stride 1, padding 1)→1x1 — each convolution followed by optional batch norm and
/// the activation, concatenated along the channels. Padding keeps the spatial size.
/// </summary>
public sealed class InceptionBlock : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> branch1x1;
    private readonly nn.Module<Tensor, Tensor> branch3x3;
    private readonly nn.Module<Tensor, Tensor> branch5x5;
    private readonly nn.Module<Tensor, Tensor> branchPool;

    public InceptionBlock(InceptionGene gene, int inputChannels) : base(nameof(InceptionBlock))
    {
        branch1x1 = LayerBlockFactory.ConvolutionUnit(inputChannels, gene.Branch1x1, 1, 1, gene.Activation, gene.BatchNorm);
        branch3x3 = nn.Sequential(
            ("reduce", LayerBlockFactory.ConvolutionUnit(inputChannels, gene.Reduce3x3, 1, 1, gene.Activation, gene.BatchNorm)),
            ("conv", LayerBlockFactory.ConvolutionUnit(gene.Reduce3x3, gene.Branch3x3, 3, 1, gene.Activation, gene.BatchNorm)));
        branch5x5 = nn.Sequential(
            ("reduce", LayerBlockFactory.ConvolutionUnit(inputChannels, gene.Reduce5x5, 1, 1, gene.Activation, gene.BatchNorm)),
            ("conv", LayerBlockFactory.ConvolutionUnit(gene.Reduce5x5, gene.Branch5x5, 5, 1, gene.Activation, gene.BatchNorm)));
        branchPool = nn.Sequential(
            ("pool", nn.MaxPool2d(3, stride: 1, padding: 1)),
            ("projection", LayerBlockFactory.ConvolutionUnit(inputChannels, gene.PoolProjection, 1, 1, gene.Activation, gene.BatchNorm)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var a = branch1x1.forward(input);
        using var b = branch3x3.forward(input);
        using var c = branch5x5.forward(input);
        using var d = branchPool.forward(input);
        return torch.cat([a, b, c, d], 1);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            branch1x1.Dispose();
            branch3x3.Dispose();
            branch5x5.Dispose();
            branchPool.Dispose();
        }
        base.Dispose(disposing);
    }
}
