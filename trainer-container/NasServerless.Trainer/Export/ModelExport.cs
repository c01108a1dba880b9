using System.Globalization;
using System.Text;
using NasServerless.Search.Spaces.LayerList;
using NasServerless.Trainer.Datasets;
using NasServerless.Trainer.Models;

namespace NasServerless.Trainer.Export;

/// <summary>
/// A trained network as files a PyTorch user can load: <c>model.safetensors</c> (every parameter and buffer, with the
/// candidate, dataset and normalisation in its metadata), <c>model.py</c> (the architecture, see
/// <see cref="PyTorchSource"/>) and <c>genome.json</c> (the canonical genome, to train it again).
/// </summary>
public static class ModelExport
{
    public const string WeightsFile = "model.safetensors";
    public const string ModuleFile = "model.py";
    public const string GenomeFile = "genome.json";

    /// <summary>The three files by name; <paramref name="description"/> is one line for model.py's docstring.</summary>
    public static IReadOnlyDictionary<string, byte[]> Files(LayerListNetwork network, LayerListGenome genome, DatasetName dataset, ChannelStats normalisation, string candidateId, string description)
    {
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["candidate"] = candidateId,
            ["dataset"] = dataset.ToId(),
            ["mean"] = string.Join(",", normalisation.Mean.Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
            ["std"] = string.Join(",", normalisation.Std.Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
            ["genome"] = LayerListGenomeJson.ToCanonicalJson(genome),
        };
        return new Dictionary<string, byte[]>
        {
            [WeightsFile] = Safetensors.Write(network.state_dict(), metadata),
            [ModuleFile] = Encoding.UTF8.GetBytes(PyTorchSource.Generate(genome, network.Analysis, normalisation.Mean, normalisation.Std, DatasetNames.ClassCount, description)),
            [GenomeFile] = Encoding.UTF8.GetBytes(LayerListGenomeJson.ToCanonicalJson(genome) + "\n"),
        };
    }

    /// <summary>
    /// <see cref="Files"/> for weights in <c>Module.save</c> format (a final checkpoint's, see
    /// <see cref="Training.LayerListTrainer.FinalWeights"/>), loaded into a CPU network built from the genome.
    /// </summary>
    /// <exception cref="ArgumentException">The genome is not valid for the dataset, or the weights do not fit it.</exception>
    public static IReadOnlyDictionary<string, byte[]> FromWeights(byte[] weights, LayerListGenome genome, LayerListAnalyzer analyzer, DatasetName dataset, ChannelStats normalisation, string candidateId, string description)
    {
        var shape = dataset.ImageShape();
        using var generator = new TorchSharp.torch.Generator(0, TorchSharp.torch.CPU);
        using var network = LayerListNetwork.Create(genome, new TensorShape(shape.Channels, shape.Height, shape.Width), analyzer, generator);
        using (var stream = new MemoryStream(weights, writable: false)) network.load(stream);
        network.eval();
        return Files(network, genome, dataset, normalisation, candidateId, description);
    }

    /// <summary>Writes <see cref="Files"/> into <paramref name="folder"/> (created if missing; existing files replaced).</summary>
    public static void WriteTo(string folder, IReadOnlyDictionary<string, byte[]> files)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in files) File.WriteAllBytes(Path.Combine(folder, name), bytes);
    }
}
