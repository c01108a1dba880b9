using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NasServerless.Search.Spaces.LayerList;
using NasServerless.Trainer.Datasets;
using NasServerless.Trainer.Models;
using NasServerless.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NasServerless.Trainer.App;

/// <summary>
/// <c>throughput</c>: training and inference images/s of the example genomes, and the share of a training step spent
/// building the batch (copying, augmenting, making tensors) rather than in forward, backward and the optimiser step.
/// Run by <c>benchmarks/trainer-throughput.sh</c>.
/// </summary>
internal static class ThroughputCommand
{
    private const string UsageText = "usage: nas-trainer throughput [--examples DIR] [--seconds S] [--threads N] [--batch-size N] [--device auto|cpu|cuda[:N]] [--json FILE]";

    private static readonly (string Genome, DatasetName Dataset)[] Examples =
    [
        ("small-cnn", DatasetName.Mnist),
        ("inception-cnn", DatasetName.Mnist),
        ("cifar-cnn", DatasetName.Cifar10),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        string examples = "trainer-container/examples", json = "", deviceSpec = "cpu";
        double seconds = 10;
        int threads = 1, batchSize = 128;
        if (args is ["-h" or "--help", ..])
        {
            Console.WriteLine(UsageText);
            return 0;
        }
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--examples": examples = value; break;
                case "--json": json = value; break;
                case "--device": deviceSpec = value; break;
                case "--seconds" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0: seconds = s; break;
                case "--threads" when int.TryParse(value, CultureInfo.InvariantCulture, out var t) && t > 0: threads = t; break;
                case "--batch-size" when int.TryParse(value, CultureInfo.InvariantCulture, out var b) && b > 1: batchSize = b; break;
                default: return CommandLine.Usage($"throughput: bad option '{args[i]} {value}'.\n{UsageText}");
            }
        }
        if (args.Length % 2 != 0) return CommandLine.Usage($"throughput: '{args[^1]}' needs a value.\n{UsageText}");

        Device device;
        try
        {
            device = TrainingDevice.Resolve(deviceSpec);
        }
        catch (Exception e) when (e is ArgumentException or TrainingDeviceUnavailableException)
        {
            return CommandLine.Usage($"throughput: {e.Message}");
        }
        torch.set_num_threads(threads);
        var sharedPath = Environment.GetEnvironmentVariable("NAS_SHARED_PATH") ?? "../shared";
        var datasets = new DatasetCache(new DatasetSourceOptions { LocalRoot = Path.Combine(sharedPath, "datasets") });
        var analyzer = new LayerListAnalyzer(new LayerListSpaceOptions());
        var rows = new List<ThroughputRow>();
        foreach (var (name, dataset) in Examples)
        {
            var genome = LayerListGenomeJson.Parse(await File.ReadAllTextAsync(Path.Combine(examples, name + ".genome.json")));
            var data = datasets.Get(dataset, 1000, 0);
            rows.Add(Measure(name, dataset, genome, analyzer, data, batchSize, seconds, device));
            Console.Error.WriteLine($"measured {name}");
        }

        Console.WriteLine($"trainer throughput on {TrainingDevice.Name(device)}: {threads} thread(s), batch {batchSize}, {Environment.ProcessorCount} cores, ~{seconds:G} s per measurement");
        Console.WriteLine($"{"genome",-14} {"dataset",-9} {"params",9} {"MACs/img",11} {"train img/s",12} {"infer img/s",12} {"data share",11}");
        foreach (var r in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Genome,-14} {r.Dataset,-9} {r.Parameters,9:N0} {r.Flops,11:N0} {r.TrainImagesPerSecond,12:F0} {r.InferenceImagesPerSecond,12:F0} {r.DataLoadingShare,11:P1}"));
        var report = JsonSerializer.Serialize(new { device = TrainingDevice.Name(device), threads, batchSize, cores = Environment.ProcessorCount, seconds, results = rows }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        Console.WriteLine(report);
        if (json.Length > 0) await File.WriteAllTextAsync(json, report + "\n");
        return 0;
    }

    private static ThroughputRow Measure(string name, DatasetName dataset, LayerListGenome genome, LayerListAnalyzer analyzer, PreparedDataset data, int batchSize, double seconds, Device device)
    {
        var shape = dataset.ImageShape();
        var input = new TensorShape(shape.Channels, shape.Height, shape.Width);
        var analysis = analyzer.Analyze(genome, input);
        using var generator = new Generator(1, torch.CPU);
        using var deviceGenerator = device.type == DeviceType.CPU ? null : new Generator(1, device);
        using var network = LayerListNetwork.Create(genome, input, analyzer, generator, deviceGenerator);
        network.to(device);
        using var optimizer = OptimizerFactory.Create(genome.Training, network.parameters());
        var augmentation = dataset == DatasetName.Cifar10 ? new CifarAugmentation() : null;
        var order = DataOrder.EpochOrder(Enumerable.Range(0, data.Train.Count).ToArray(), 1, 0);

        // Training: two warm-up steps, then steps until the time is up.
        network.train();
        var dataClock = new Stopwatch();
        var computeClock = new Stopwatch();
        long images = 0;
        for (var step = 0; step < 2 || computeClock.Elapsed.TotalSeconds + dataClock.Elapsed.TotalSeconds < seconds; step++)
        {
            if (step == 2)
            {
                dataClock.Reset();
                computeClock.Reset();
                images = 0;
            }
            using var scope = torch.NewDisposeScope();
            var start = step * batchSize % (order.Length - batchSize);
            dataClock.Start();
            var (x, y) = TensorBatch.Create(data.Train, order.AsSpan(start, batchSize), augmentation, augmentation is null ? null : DataOrder.Augmentation(1, 0, step), device);
            dataClock.Stop();
            computeClock.Start();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(network.forward(x), y);
            loss.backward();
            optimizer.step();
            _ = loss.item<float>();
            computeClock.Stop();
            images += batchSize;
        }
        var trainSeconds = dataClock.Elapsed.TotalSeconds + computeClock.Elapsed.TotalSeconds;

        // Inference: eval mode, no gradients, batches of the same size, one warm-up batch.
        network.eval();
        using var noGrad = torch.no_grad();
        var inferenceClock = new Stopwatch();
        long inferred = 0;
        var indices = Enumerable.Range(0, data.Test.Count).ToArray();
        for (var batch = 0; batch < 1 || inferenceClock.Elapsed.TotalSeconds < seconds / 2; batch++)
        {
            if (batch == 1)
            {
                inferenceClock.Reset();
                inferred = 0;
            }
            using var scope = torch.NewDisposeScope();
            inferenceClock.Start();
            var (x, _) = TensorBatch.Create(data.Test, indices.AsSpan(batch * batchSize % (indices.Length - batchSize), batchSize), device: device);
            _ = network.forward(x).argmax(1).sum().item<long>();
            inferenceClock.Stop();
            inferred += batchSize;
        }

        return new ThroughputRow(name, dataset.ToId(), analysis.Parameters, analysis.Flops,
            images / trainSeconds, inferred / inferenceClock.Elapsed.TotalSeconds, dataClock.Elapsed.TotalSeconds / trainSeconds, (int)(images / batchSize));
    }

    private sealed record ThroughputRow(string Genome, string Dataset, long Parameters, long Flops, double TrainImagesPerSecond, double InferenceImagesPerSecond, double DataLoadingShare, int MeasuredSteps);
}
