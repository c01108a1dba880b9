using NasServerless.Search.Evolution;
using NasServerless.Search.Randomness;
using NasServerless.Search.Spaces.LayerList;
using NasServerless.Trainer.Models;
using NasServerless.Trainer.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace NasServerless.Trainer.Tests.Models;

public class LayerListNetworkTests
{
    private static readonly LayerListAnalyzer Analyzer = new(new LayerListSpaceOptions());

    public static TheoryData<int, int, int> Shapes => new() { { 1, 28, 28 }, { 3, 32, 32 } };

    /// <summary>Random valid genomes as the search makes them: the minimal network mutated 1 to 80 times, one seed each.</summary>
    private static IEnumerable<LayerListGenome> RandomGenomes(TensorShape input, int count, int seedBase)
    {
        var space = new LayerListSpace(new LayerListSpaceOptions(), input);
        for (var i = 0; i < count; i++)
        {
            var rng = new DeterministicRandom((ulong)(seedBase + i));
            yield return IslandEvolution<LayerListGenome>.RandomGenome(space, 1 + rng.NextInt(80), rng);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TrainableParameters_RandomValidGenomes_EqualAnalyzerCount(int channels, int height, int width)
    {
        var input = new TensorShape(channels, height, width);
        var kinds = new HashSet<string>();
        var checkedGenomes = 0;
        foreach (var genome in RandomGenomes(input, 300, seedBase: 1000 * channels))
        {
            var analysis = Analyzer.Analyze(genome, input);
            Assert.True(analysis.IsValid, string.Join("; ", analysis.Errors));
            using var network = LayerListNetwork.Create(genome, input, Analyzer);

            Assert.True(analysis.Parameters == network.TrainableParameters,
                $"analyzer {analysis.Parameters:N0} vs torch {network.TrainableParameters:N0} for {LayerListGenomeJson.ToCanonicalJson(genome)}");
            foreach (var gene in genome.Layers) kinds.Add(gene is ConvolutionGene { BatchNorm: true } or InceptionGene { BatchNorm: true } ? gene.Kind + "+bn" : gene.Kind.ToString());
            checkedGenomes++;
        }

        Assert.Equal(300, checkedGenomes);
        Assert.Superset(new HashSet<string> { "Convolution", "Convolution+bn", "Inception", "Inception+bn", "Pooling", "Dropout", "GlobalAveragePooling", "Dense" }, kinds);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_EvalMode_GivesOneLogitPerClass(int channels, int height, int width)
    {
        var input = new TensorShape(channels, height, width);
        var cheapest = RandomGenomes(input, 40, seedBase: 77 + channels)
            .OrderBy(g => Analyzer.Analyze(g, input).Flops)
            .Take(6);
        foreach (var genome in cheapest)
        {
            using var scope = torch.NewDisposeScope();
            using var network = LayerListNetwork.Create(genome, input, Analyzer);
            network.eval();
            using var noGrad = torch.no_grad();

            var output = network.forward(torch.randn(2, channels, height, width));

            Assert.Equal(new long[] { 2, 10 }, output.shape);
            Assert.True(output.isfinite().all().item<bool>());
        }
    }

    [Fact]
    public void Create_InceptionGenome_NamesModulesLikePyTorch()
    {
        var genome = new LayerListGenome(
            [
                new ConvolutionGene(8, 3, 1, Activation.Relu, BatchNorm: true),
                new InceptionGene(4, 4, 8, 4, 8, 4, Activation.Gelu, BatchNorm: false),
                new GlobalAveragePoolingGene(),
                new DenseGene(16, Activation.Elu),
            ],
            new TrainingGenes(1e-3, OptimizerKind.Adam, 0));

        using var network = LayerListNetwork.Create(genome, TensorShape.Mnist, Analyzer);
        var names = network.state_dict().Keys.ToHashSet();

        Assert.Contains("layers.layer00_conv.conv.weight", names);
        Assert.Contains("layers.layer00_conv.bn.running_var", names);
        Assert.DoesNotContain("layers.layer00_conv.conv.bias", names);
        Assert.Contains("layers.layer01_inception.branch1x1.conv.bias", names);
        Assert.Contains("layers.layer01_inception.branch3x3.conv.conv.weight", names);
        Assert.Contains("layers.layer01_inception.branch5x5.reduce.conv.weight", names);
        Assert.Contains("layers.layer01_inception.branchPool.projection.conv.weight", names);
        Assert.Contains("layers.layer03_dense.linear.weight", names);
        Assert.Contains("layers.classifier.linear.bias", names);
    }

    [Fact]
    public void Create_SameGeneratorSeed_SameWeights()
    {
        var genome = ExampleGenomes.Load("inception-cnn");
        using var g1 = new Generator(5, torch.CPU);
        using var g2 = new Generator(5, torch.CPU);
        using var g3 = new Generator(6, torch.CPU);

        using var a = LayerListNetwork.Create(genome, TensorShape.Mnist, Analyzer, g1);
        using var b = LayerListNetwork.Create(genome, TensorShape.Mnist, Analyzer, g2);
        using var c = LayerListNetwork.Create(genome, TensorShape.Mnist, Analyzer, g3);

        var pa = a.parameters().ToList();
        var pb = b.parameters().ToList();
        var pc = c.parameters().ToList();
        Assert.All(pa.Zip(pb), p => Assert.True(p.First.eq(p.Second).all().item<bool>()));
        Assert.Contains(pa.Zip(pc), p => !p.First.eq(p.Second).all().item<bool>());
    }

    [Fact]
    public void Create_GenomeCollapsingOnInput_ThrowsNamingTheGene()
    {
        var genome = new LayerListGenome(
            [.. Enumerable.Repeat<LayerGene>(new PoolingGene(PoolingKind.Max, 2, 2), 5)],
            new TrainingGenes(1e-3, OptimizerKind.Adam, 0));

        var error = Assert.Throws<ArgumentException>(() => LayerListNetwork.Create(genome, TensorShape.Mnist, Analyzer));

        Assert.Contains("layers[4]", error.Message);
    }
}
