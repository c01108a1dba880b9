using NasServerless.Search.Spaces.LayerList;
using TorchSharp;
using static TorchSharp.torch;

namespace NasServerless.Trainer.Models;

/// <summary>
/// The TorchSharp network of a layer-list genome: one named block per gene (<c>layer00_conv</c>, <c>layer01_inception</c>,
/// …) from <see cref="LayerBlockFactory"/>, then the implicit <c>classifier</c>, in one <c>Sequential</c> registered once.
/// Input [N, C, H, W], output [N, classes] logits. Its trainable parameter count equals the analyzer's exactly.
/// </summary>
public sealed class LayerListNetwork : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> layers;

    private LayerListNetwork(IReadOnlyList<(string Name, nn.Module<Tensor, Tensor> Block)> blocks, GenomeAnalysis analysis)
        : base(nameof(LayerListNetwork))
    {
        Analysis = analysis;
        layers = nn.Sequential(blocks);
        RegisterComponents();
    }

    /// <summary>The analysis the network was built from: input shape, per-layer output shapes, parameters, FLOPs.</summary>
    public GenomeAnalysis Analysis { get; }

    /// <summary>Trainable parameters (weights, biases, batch-norm scale and shift; running statistics are buffers).</summary>
    public long TrainableParameters => parameters().Where(p => p.requires_grad).Sum(p => p.numel());

    /// <summary>
    /// Builds the network of a genome that <paramref name="analyzer"/> accepts for <paramref name="input"/>; throws
    /// <see cref="ArgumentException"/> listing the analyzer's errors (each naming its gene path) otherwise.
    /// Weights are initialised as PyTorch does, from <paramref name="generator"/> when given (see
    /// <see cref="WeightInitialiser"/>), else from libtorch's global generator. Dropout masks come from
    /// <paramref name="dropoutGenerator"/>, or <paramref name="generator"/> when that is null: a generator draws only for
    /// tensors on its own device, so a network that will train on a GPU needs a GPU generator for its masks.
    /// </summary>
    public static LayerListNetwork Create(LayerListGenome genome, TensorShape input, LayerListAnalyzer analyzer, Generator? generator = null, Generator? dropoutGenerator = null)
    {
        var analysis = analyzer.Analyze(genome, input);
        if (!analysis.IsValid)
            throw new ArgumentException($"The genome is invalid for input {input}: {string.Join("; ", analysis.Errors)}", nameof(genome));

        var factory = new LayerBlockFactory(dropoutGenerator ?? generator);
        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>(genome.Layers.Count + 1);
        var shape = input;
        for (var i = 0; i < genome.Layers.Count; i++)
        {
            var gene = genome.Layers[i];
            blocks.Add(($"layer{i:D2}_{LayerListAnalyzer.KindName(gene.Kind).Replace('-', '_')}", factory.Create(gene, shape)));
            shape = analysis.Layers[i].Output;
        }
        blocks.Add(("classifier", LayerBlockFactory.Classifier(shape, analyzer.Options.NumClasses)));

        var network = new LayerListNetwork(blocks, analysis);
        if (generator is not null) WeightInitialiser.Initialise(network, generator);
        return network;
    }

    public override Tensor forward(Tensor input) => layers.forward(input);

    protected override void Dispose(bool disposing)
    {
        if (disposing) layers.Dispose();
        base.Dispose(disposing);
    }
}
