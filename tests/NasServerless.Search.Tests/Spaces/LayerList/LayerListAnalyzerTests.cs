using NasServerless.Search.Spaces.LayerList;
using static NasServerless.Search.Tests.Spaces.LayerList.Genomes;

namespace NasServerless.Search.Tests.Spaces.LayerList;

public class LayerListAnalyzerTests
{
    private static readonly LayerListAnalyzer Analyzer = new(new LayerListSpaceOptions());

    [Fact]
    public void Analyze_SingleConvOnMnist_CountsWeightsBiasAndClassifier()
    {
        var analysis = Analyzer.Analyze(Of(Conv(8)), TensorShape.Mnist);

        Assert.True(analysis.IsValid);
        // conv: 1*8*3*3 weights + 8 biases; classifier: 28*28*8 features * 10 + 10.
        Assert.Equal(80 + 62_730, analysis.Parameters);
        Assert.Equal(28L * 28 * 8 * 9 + 28L * 28 * 8 * 10, analysis.Flops);
        Assert.Equal(new TensorShape(8, 28, 28), analysis.Layers[0].Output);
    }

    [Fact]
    public void Analyze_BatchNormConv_ReplacesBiasWithScaleAndShift()
    {
        var analysis = Analyzer.Analyze(Of(Conv(16, kernel: 5, stride: 2, batchNorm: true), new GlobalAveragePoolingGene()), TensorShape.Cifar10);

        Assert.True(analysis.IsValid);
        Assert.Equal(new TensorShape(16, 16, 16), analysis.Layers[0].Output);
        Assert.Equal(3 * 16 * 25 + 2 * 16, analysis.Layers[0].Parameters);
        Assert.Equal(16L * 16 * 16 * 3 * 25, analysis.Layers[0].Flops);
        Assert.Equal(16 * 10 + 10, analysis.Layers[^1].Parameters);
    }

    [Fact]
    public void Analyze_InceptionBlock_SumsFourBranchesAndKeepsSpatialSize()
    {
        var analysis = Analyzer.Analyze(Of(Conv(8), new PoolingGene(PoolingKind.Max, 2, 2), Inception4), TensorShape.Mnist);

        Assert.True(analysis.IsValid);
        var block = analysis.Layers[2];
        Assert.Equal(new TensorShape(16, 14, 14), block.Output);
        // 1x1: 8*4+8; 1x1→3x3: (8*4+8)+(4*4*9+8); 1x1→5x5: (8*4+8)+(4*4*25+8); pool→1x1: 8*4+8 (batch norm: 2 per channel).
        Assert.Equal(40 + 40 + 152 + 40 + 408 + 40, block.Parameters);
        Assert.Equal(14L * 14 * (8 * 4 + 8 * 4 + 9 * 16 + 8 * 4 + 25 * 16 + 8 * 4), block.Flops);
    }

    [Fact]
    public void Analyze_PoolingAndDense_FlattenThenCountDense()
    {
        var analysis = Analyzer.Analyze(Of(Conv(8, stride: 2), new PoolingGene(PoolingKind.Average, 3, 2), new DropoutGene(0.5), new DenseGene(32, Activation.Gelu)), TensorShape.Mnist);

        Assert.True(analysis.IsValid);
        Assert.Equal(new TensorShape(8, 14, 14), analysis.Layers[0].Output);
        Assert.Equal(new TensorShape(8, 6, 6), analysis.Layers[1].Output);
        Assert.Equal(8L * 6 * 6 * 32 + 32, analysis.Layers[3].Parameters);
        Assert.Equal(32 * 10 + 10, analysis.Layers[4].Parameters);
    }

    [Fact]
    public void Analyze_PoolingCollapsesSpatialSize_ErrorNamesGeneIndex()
    {
        var layers = new List<LayerGene> { Conv(8, stride: 2) };
        for (var i = 0; i < 5; i++) layers.Add(new PoolingGene(PoolingKind.Max, 2, 2));
        var analysis = Analyzer.Analyze(Of([.. layers]), TensorShape.Mnist);

        Assert.False(analysis.IsValid);
        var error = Assert.Single(analysis.Errors);
        // 28 → 14 (conv, index 0) → 7 → 3 → 1 (poolings 1-3) → the fourth pooling, index 4, collapses.
        Assert.Equal(4, error.GeneIndex);
        Assert.Equal("layers[4]", error.Path);
        Assert.Contains("collapse", error.Reason);
    }

    [Fact]
    public void Analyze_OverParameterBudget_ErrorGivesCountAndBudget()
    {
        var analyzer = new LayerListAnalyzer(new LayerListSpaceOptions { MaxParameters = 10_000 });
        var analysis = analyzer.Analyze(Of(Conv(8)), TensorShape.Mnist);

        var error = Assert.Single(analysis.Errors);
        Assert.Equal("genome", error.Path);
        Assert.Null(error.GeneIndex);
        Assert.Contains("62,810", error.Reason);
        Assert.Contains("10,000", error.Reason);
    }

    [Fact]
    public void Analyze_IllegalGeneValues_EveryErrorNamesFieldAndChoices()
    {
        var genome = new LayerListGenome([new ConvolutionGene(7, 4, 1, Activation.Relu, false)], new TrainingGenes(0.5, OptimizerKind.Adam, 0));
        var analysis = Analyzer.Analyze(genome, TensorShape.Mnist);

        Assert.Contains(analysis.Errors, e => e.Path == "layers[0].filters" && e.GeneIndex == 0 && e.Reason.Contains("not one of [8, 16"));
        Assert.Contains(analysis.Errors, e => e.Path == "layers[0].kernel" && e.Reason.Contains("4 is not one of"));
        Assert.Contains(analysis.Errors, e => e.Path == "training.learningRate" && e.Reason.Contains("0.5"));
    }

    [Fact]
    public void Analyze_SpatialLayerAfterDense_IsInvalid()
    {
        var analysis = Analyzer.Analyze(Of(Conv(8), new DenseGene(32, Activation.Relu), Conv(8)), TensorShape.Mnist);

        var error = Assert.Single(analysis.Errors);
        Assert.Equal(2, error.GeneIndex);
        Assert.Contains("follows a dense", error.Reason);
    }

    [Fact]
    public void Analyze_DisallowedKindAndTooManyLayers_AreErrors()
    {
        var analyzer = new LayerListAnalyzer(new LayerListSpaceOptions { AllowedLayers = [LayerKind.Convolution], MaxLayers = 2 });
        var analysis = analyzer.Analyze(Of(Conv(8), new DropoutGene(0.1), Conv(8)), TensorShape.Mnist);

        Assert.Contains(analysis.Errors, e => e.Path == "layers" && e.Reason.Contains("3 layers"));
        Assert.Contains(analysis.Errors, e => e.GeneIndex == 1 && e.Reason.Contains("'dropout' is not allowed"));
    }

    [Fact]
    public void Options_InvalidValues_ValidateNamesEachProperty()
    {
        var errors = new LayerListSpaceOptions { ConvolutionKernels = [2], MaxParameters = 0, DropoutRates = [1.5] }.Validate();

        Assert.Contains(errors, e => e.StartsWith("ConvolutionKernels"));
        Assert.Contains(errors, e => e.StartsWith("MaxParameters"));
        Assert.Contains(errors, e => e.StartsWith("DropoutRates"));
        Assert.Throws<ArgumentException>(() => new LayerListAnalyzer(new LayerListSpaceOptions { MaxLayers = 0 }));
    }

    [Theory]
    [InlineData("28x28x1", 1, 28, 28)]
    [InlineData("32x32x3", 3, 32, 32)]
    [InlineData("64x48x5", 5, 64, 48)]
    public void TensorShape_Parse_ReadsHeightWidthChannels(string text, int channels, int height, int width) =>
        Assert.Equal(new TensorShape(channels, height, width), TensorShape.Parse(text));

    [Theory]
    [InlineData("28x28")]
    [InlineData("0x28x1")]
    [InlineData("axbxc")]
    public void TensorShape_ParseMalformed_ThrowsFormatException(string text) =>
        Assert.Throws<FormatException>(() => TensorShape.Parse(text));
}
