using NasServerless.Search.Spaces.LayerList;
using NasServerless.Trainer.Models;
using NasServerless.Trainer.Tests.Support;

namespace NasServerless.Trainer.Tests.Models;

public class ExampleGenomeTests
{
    [Theory]
    [InlineData("small-cnn", 1, 28, 28)]
    [InlineData("inception-cnn", 1, 28, 28)]
    [InlineData("cifar-cnn", 3, 32, 32)]
    public void Example_DefaultSpaceOptions_IsValidAndBuilds(string name, int channels, int height, int width)
    {
        var analyzer = new LayerListAnalyzer(new LayerListSpaceOptions());
        var input = new TensorShape(channels, height, width);
        var genome = ExampleGenomes.Load(name);

        var analysis = analyzer.Analyze(genome, input);
        using var network = LayerListNetwork.Create(genome, input, analyzer);

        Assert.True(analysis.IsValid, string.Join("; ", analysis.Errors));
        Assert.Equal(analysis.Parameters, network.TrainableParameters);
        Assert.Equal(genome, LayerListGenomeJson.Parse(LayerListGenomeJson.ToCanonicalJson(genome)));
    }

    [Fact]
    public void InceptionExample_HasInceptionBlocks()
    {
        Assert.Contains(ExampleGenomes.Load("inception-cnn").Layers, g => g is InceptionGene);
    }
}
