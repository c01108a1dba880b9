using NasServerless.Search.Spaces.LayerList;
using static NasServerless.Search.Tests.Spaces.LayerList.Genomes;

namespace NasServerless.Search.Tests.Spaces.LayerList;

public class LayerListGenomeJsonTests
{
    private static readonly LayerListGenome Sample = new(
        [Conv(16, batchNorm: true), Inception4, new PoolingGene(PoolingKind.Average, 2, 2), new DropoutGene(0.2), new GlobalAveragePoolingGene(), new DenseGene(64, Activation.LeakyRelu)],
        new TrainingGenes(3e-4, OptimizerKind.AdamW, 1e-5));

    [Fact]
    public void ToCanonicalJson_KnownGenome_ExactPinnedText()
    {
        // Pinned: the canonical form is what ids are hashed from; changing it changes every stored id.
        const string expected =
            "{\"layers\":[{\"type\":\"conv\",\"filters\":16,\"kernel\":3,\"stride\":1,\"activation\":\"relu\",\"batchNorm\":true}," +
            "{\"type\":\"inception\",\"branch1x1\":4,\"reduce3x3\":4,\"branch3x3\":4,\"reduce5x5\":4,\"branch5x5\":4,\"poolProjection\":4,\"activation\":\"relu\",\"batchNorm\":true}," +
            "{\"type\":\"pool\",\"pooling\":\"avg\",\"size\":2,\"stride\":2},{\"type\":\"dropout\",\"rate\":0.2},{\"type\":\"global-avg-pool\"}," +
            "{\"type\":\"dense\",\"units\":64,\"activation\":\"leaky-relu\"}],\"training\":{\"learningRate\":0.0003,\"optimizer\":\"adamw\",\"weightDecay\":1E-05}}";
        Assert.Equal(expected, LayerListGenomeJson.ToCanonicalJson(Sample));
        Assert.Equal("1493ab700dd04143f9972137b0ce562a", LayerListGenomeJson.Hash(Sample));
    }

    [Fact]
    public void Parse_CanonicalJson_RoundTripsToEqualGenome()
    {
        var parsed = LayerListGenomeJson.Parse(LayerListGenomeJson.ToCanonicalJson(Sample));

        Assert.Equal(Sample, parsed);
        Assert.Equal(LayerListGenomeJson.Hash(Sample), LayerListGenomeJson.Hash(parsed));
    }

    [Fact]
    public void Parse_ReorderedAndIndented_SameHash()
    {
        const string json = """
            {
              "training": { "weightDecay": 0, "optimizer": "adam", "learningRate": 0.001 },
              "layers": [ { "batchNorm": false, "activation": "relu", "stride": 1, "kernel": 3, "filters": 8, "type": "conv" } ]
            }
            """;

        Assert.Equal(LayerListGenomeJson.Hash(Of(Conv(8))), LayerListGenomeJson.Hash(LayerListGenomeJson.Parse(json)));
    }

    [Fact]
    public void Hash_DifferentArchitecture_DifferentId()
    {
        Assert.NotEqual(LayerListGenomeJson.Hash(Of(Conv(8))), LayerListGenomeJson.Hash(Of(Conv(16))));
        Assert.NotEqual(LayerListGenomeJson.Hash(Of(Conv(8))), LayerListGenomeJson.Hash(Of(Conv(8)) with { Training = Genomes.Adam with { LearningRate = 1e-2 } }));
    }

    [Theory]
    [InlineData("{\"layers\":[{\"type\":\"lstm\"}],\"training\":{\"learningRate\":0.001,\"optimizer\":\"adam\",\"weightDecay\":0}}", "layers")]
    [InlineData("{\"layers\":[],\"training\":{\"learningRate\":0.001,\"optimizer\":\"rmsprop\",\"weightDecay\":0}}", "optimizer")]
    [InlineData("{\"layers\":[],\"training\":{\"learningRate\":0.001,\"optimizer\":\"adam\",\"weightDecay\":0},\"extra\":1}", "extra")]
    [InlineData("{\"layers\":[", "invalid")]
    [InlineData("{\"layers\":[{\"type\":\"conv\",\"filters\":\"eight\",\"kernel\":3,\"stride\":1,\"activation\":\"relu\",\"batchNorm\":false}],\"training\":{\"learningRate\":0.001,\"optimizer\":\"adam\",\"weightDecay\":0}}", "filters")]
    public void Parse_BadJson_FormatExceptionSaysWhere(string json, string mentioned)
    {
        var error = Assert.Throws<FormatException>(() => LayerListGenomeJson.Parse(json));
        Assert.Contains(mentioned, error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
