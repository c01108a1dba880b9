using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NasServerless.Search.Spaces.LayerList;
using NasServerless.Trainer.Datasets;
using NasServerless.Trainer.Export;
using NasServerless.Trainer.Models;
using NasServerless.Testing;
using NasServerless.Trainer.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace NasServerless.Trainer.Tests.Export;

/// <summary>
/// The export is checked against real PyTorch: the generated model.py loads model.safetensors strictly and computes the
/// same logits as the TorchSharp network, for genomes that use every kind of gene and every activation.
/// </summary>
public class ModelExportTests(Xunit.Abstractions.ITestOutputHelper log)
{
    /// <summary>Convolutions (with and without batch norm, stride 2), inception without batch norm, both poolings, dropout, dense.</summary>
    private static readonly LayerListGenome GrayscaleGenome = new(
        [
            new ConvolutionGene(16, 3, 1, Activation.Relu, BatchNorm: true),
            new InceptionGene(8, 8, 16, 4, 8, 8, Activation.Elu, BatchNorm: false),
            new PoolingGene(PoolingKind.Max, 2, 2),
            new ConvolutionGene(24, 5, 2, Activation.LeakyRelu, BatchNorm: false),
            new PoolingGene(PoolingKind.Average, 3, 1),
            new DropoutGene(0.2),
            new DenseGene(32, Activation.Gelu),
            new DropoutGene(0.1),
            new DenseGene(16, Activation.Relu),
        ],
        new TrainingGenes(1e-3, OptimizerKind.Adam, 0));

    /// <summary>Three channels, a 7x7 stride-2 convolution, inception with batch norm, global average pooling.</summary>
    private static readonly LayerListGenome ColourGenome = new(
        [
            new ConvolutionGene(8, 7, 2, Activation.Gelu, BatchNorm: true),
            new InceptionGene(4, 4, 8, 4, 8, 4, Activation.LeakyRelu, BatchNorm: true),
            new GlobalAveragePoolingGene(),
            new DenseGene(64, Activation.Elu),
        ],
        new TrainingGenes(1e-3, OptimizerKind.Adam, 0));

    private const string CompareScript = """
        import sys, struct
        import torch
        sys.path.insert(0, ".")
        import model
        n, c, h, w = (int(v) for v in sys.argv[1:5])
        with open("images.u8", "rb") as f:
            images = torch.frombuffer(bytearray(f.read()), dtype=torch.uint8).reshape(n, c, h, w)
        with open("expected.f32", "rb") as f:
            expected = torch.frombuffer(bytearray(f.read()), dtype=torch.float32).reshape(n, model.CLASSES)
        net = model.load()
        with torch.no_grad():
            actual = net(model.normalise(images))
        difference = (actual - expected).abs().max().item()
        scale = expected.abs().max().item()
        print(f"max abs difference {difference:.3g}, largest logit {scale:.3g}, same argmax {bool((actual.argmax(1) == expected.argmax(1)).all())}")
        sys.exit(0 if difference <= 1e-4 * max(1.0, scale) else 1)
        """;

    [Theory]
    [InlineData(nameof(GrayscaleGenome))]
    [InlineData(nameof(ColourGenome))]
    public void Export_LoadsInPyTorch_WithTheSameLogits(string which)
    {
        var (genome, shape) = which == nameof(GrayscaleGenome) ? (GrayscaleGenome, TensorShape.Mnist) : (ColourGenome, new TensorShape(3, 32, 32));
        var stats = new ChannelStats([.. Enumerable.Range(0, shape.Channels).Select(c => 0.3f + 0.1f * c)], [.. Enumerable.Range(0, shape.Channels).Select(c => 0.25f + 0.05f * c)]);
        using var network = TrainedLookingNetwork(genome, shape);
        var images = RandomImages(64, shape, seed: 11);
        var expected = Logits(network, images, shape, stats);
        var folder = Directory.CreateTempSubdirectory("nas-export-").FullName;
        try
        {
            ModelExport.WriteTo(folder, ModelExport.Files(network, genome, shape.Channels == 1 ? DatasetName.Mnist : DatasetName.Cifar10, stats, "candidate-1", "test export"));
            File.WriteAllBytes(Path.Combine(folder, "images.u8"), images);
            File.WriteAllBytes(Path.Combine(folder, "expected.f32"), expected);

            var (exitCode, output) = PythonWithTorch.RunScript(CompareScript, ["64", $"{shape.Channels}", $"{shape.Height}", $"{shape.Width}"], folder, TimeSpan.FromSeconds(120));

            log.WriteLine(output);
            Assert.True(exitCode == 0, $"PyTorch disagrees or failed (exit {exitCode}):\n{output}");
            Assert.Contains("same argmax True", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Safetensors_HeaderDescribesEveryTensorInOrderAligned_DataFollows()
    {
        using var network = TrainedLookingNetwork(GrayscaleGenome, TensorShape.Mnist);
        var state = network.state_dict();

        var file = Safetensors.Write(state, new Dictionary<string, string> { ["candidate"] = "c-1" });

        var headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0, headerLength % 8);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, (int)headerLength));
        Assert.Equal("c-1", header.RootElement.GetProperty("__metadata__").GetProperty("candidate").GetString());
        var entries = header.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__").ToList();
        Assert.Equal(state.Keys.Order(StringComparer.Ordinal), entries.Select(e => e.Name));
        long next = 0;
        foreach (var entry in entries)
        {
            var tensor = state[entry.Name];
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt64()).ToArray();
            Assert.Equal(next, offsets[0]);
            Assert.Equal(tensor.NumberOfElements * tensor.ElementSize, offsets[1] - offsets[0]);
            Assert.Equal(tensor.shape, entry.Value.GetProperty("shape").EnumerateArray().Select(s => s.GetInt64()));
            Assert.Equal(entry.Name.EndsWith("num_batches_tracked", StringComparison.Ordinal) ? "I64" : "F32", entry.Value.GetProperty("dtype").GetString());
            Assert.Equal(tensor.bytes.ToArray(), file.AsSpan((int)(8 + headerLength + offsets[0]), (int)(offsets[1] - offsets[0])).ToArray());
            next = offsets[1];
        }
        Assert.Equal(8 + headerLength + next, file.Length);
    }

    [Fact]
    public void Files_GenomeJsonIsCanonical_ModelPyCarriesTheNormalisation()
    {
        using var network = TrainedLookingNetwork(ColourGenome, new TensorShape(3, 32, 32));
        var stats = new ChannelStats([0.49f, 0.48f, 0.45f], [0.25f, 0.24f, 0.26f]);

        var files = ModelExport.Files(network, ColourGenome, DatasetName.Cifar10, stats, "c-2", "a \"\"\"quoted\"\"\" description");

        Assert.Equal(LayerListGenomeJson.ToCanonicalJson(ColourGenome) + "\n", Encoding.UTF8.GetString(files[ModelExport.GenomeFile]));
        var source = Encoding.UTF8.GetString(files[ModelExport.ModuleFile]);
        Assert.Contains("MEAN = (0.49, 0.48, 0.45)", source);
        Assert.Contains("STD = (0.25, 0.24, 0.26)", source);
        Assert.Contains("INPUT_SHAPE = (3, 32, 32)", source);
        Assert.DoesNotContain("\"\"\"quoted", source);
    }

    /// <summary>Seeded weights, and batch-norm running statistics away from 0 and 1, so eval-mode batch norm matters.</summary>
    private static LayerListNetwork TrainedLookingNetwork(LayerListGenome genome, TensorShape shape)
    {
        using var generator = new Generator(5, torch.CPU);
        var network = LayerListNetwork.Create(genome, shape, new LayerListAnalyzer(new LayerListSpaceOptions()), generator);
        using (torch.no_grad())
        {
            foreach (var (name, buffer) in network.named_buffers())
            {
                if (name.EndsWith("running_mean", StringComparison.Ordinal)) buffer.uniform_(-0.5, 0.5, generator);
                if (name.EndsWith("running_var", StringComparison.Ordinal)) buffer.uniform_(0.5, 2.0, generator);
            }
        }
        network.eval();
        return network;
    }

    private static byte[] RandomImages(int count, TensorShape shape, int seed)
    {
        var bytes = new byte[count * shape.Elements];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>The network's logits for uint8 images normalised as in training ((x / 255 - mean) / std, in float32).</summary>
    private static byte[] Logits(LayerListNetwork network, byte[] images, TensorShape shape, ChannelStats stats)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var count = images.Length / (int)shape.Elements;
        var x = torch.tensor(images, [count, shape.Channels, shape.Height, shape.Width]).to_type(ScalarType.Float32).div(255.0);
        var mean = torch.tensor(stats.Mean.ToArray(), [1, shape.Channels, 1, 1]);
        var std = torch.tensor(stats.Std.ToArray(), [1, shape.Channels, 1, 1]);
        var logits = network.forward(x.sub(mean).div(std)).contiguous();
        return logits.bytes.ToArray();
    }
}
