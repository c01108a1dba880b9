using System.Globalization;
using Xunit.Abstractions;

namespace NasServerless.Trainer.IntegrationTests.Support;

/// <summary>Runs an exported network (model.py + model.safetensors) in real PyTorch on the official MNIST test set.</summary>
public static class PyTorchEvaluation
{
    /// <summary>Reads the first N test images and labels (gzipped IDX), runs the export, prints its accuracy.</summary>
    private const string Script = """
        import gzip, os, sys
        import torch
        sys.path.insert(0, ".")
        import model
        folder, count = sys.argv[1], int(sys.argv[2])
        with gzip.open(os.path.join(folder, "t10k-images-idx3-ubyte.gz")) as f:
            f.read(16)
            images = torch.frombuffer(bytearray(f.read(count * 784)), dtype=torch.uint8).reshape(-1, 1, 28, 28)
        with gzip.open(os.path.join(folder, "t10k-labels-idx1-ubyte.gz")) as f:
            f.read(8)
            labels = torch.frombuffer(bytearray(f.read(count)), dtype=torch.uint8).long()
        net = model.load()
        with torch.no_grad():
            correct = (net(model.normalise(images)).argmax(1) == labels).sum().item()
        print(correct / len(labels))
        """;

    /// <summary>The accuracy PyTorch gets with the export in <paramref name="exportFolder"/> on the first <paramref name="images"/> MNIST test images.</summary>
    public static double MnistTestAccuracy(string exportFolder, int images, ITestOutputHelper output)
    {
        var (exitCode, text) = PythonWithTorch.RunScript(Script, [Path.Combine(RepositoryPaths.Datasets, "mnist"), images.ToString(CultureInfo.InvariantCulture)], exportFolder, TimeSpan.FromSeconds(120));
        output.WriteLine($"PyTorch on {images} MNIST test images: {text.Trim()}");
        Assert.True(exitCode == 0, $"PyTorch could not evaluate the export in {exportFolder} (exit {exitCode}):\n{text}");
        return double.Parse(text.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
    }
}
