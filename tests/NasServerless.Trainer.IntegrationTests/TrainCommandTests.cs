using System.Text.Json;
using NasServerless.Trainer.IntegrationTests.Support;
using Xunit.Abstractions;

namespace NasServerless.Trainer.IntegrationTests;

/// <summary>
/// The built <c>nas-trainer train</c> (copied beside the tests by the project reference) as a child process: a tiny real
/// training run on MNIST and its JSON result, the exit code and message of each kind of bad input, and an interrupted
/// run (SIGTERM) that resumes from its folder checkpoint and ends bit-identical to an uninterrupted one.
/// </summary>
/// <remarks>
/// The tests train with TorchSharp on the CPU, so they run in a collection of their own that does not run in parallel
/// with the others (the worker tests train too): on a two-core machine that keeps each within its bounds.
/// </remarks>
[Collection(TrainCommandCollection.Name)]
public sealed class TrainCommandTests : IDisposable
{
    /// <summary>Bound of a run that fails on its arguments (process start and, for the device, loading libtorch).</summary>
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(45);

    /// <summary>Bound of a training run (a few seconds of training on an idle machine).</summary>
    private static readonly TimeSpan Training = TimeSpan.FromSeconds(90);

    /// <summary>Tiny budget: 600 training images, 200 validation images, one epoch, one thread.</summary>
    private static readonly string[] TinyBudget = ["--train-subset", "600", "--validation", "200", "--epochs", "1", "--batch-size", "50", "--threads", "1"];

    private const int SmallCnnParameters = 20_538;

    private static readonly Lazy<bool> LazyCudaAvailable = new(() => TorchSharp.torch.cuda.is_available());

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("nas-train-command-");
    private readonly ITestOutputHelper _output;
    private readonly TestLog _log = new();
    private readonly IDisposable _attached;

    /// <summary>Whether libtorch sees a CUDA device in this process (false with the CPU build that CI restores).</summary>
    internal static bool CudaAvailable => LazyCudaAvailable.Value;

    private static string SmallCnn => RepositoryPaths.ExampleGenome("small-cnn.genome.json");

    public TrainCommandTests(ITestOutputHelper output)
    {
        _output = output;
        _attached = _log.Attach(output);
    }

    public void Dispose()
    {
        _attached.Dispose();
        try
        {
            _temp.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    [Fact]
    public async Task SmallCnnOnMnist_OneEpochOnCpu_ExitsZeroAndWritesResultJson()
    {
        var json = Path.Combine(_temp.FullName, "result.json");

        var run = await TrainRun.RunAsync(_log, "train", ["--genome", SmallCnn, "--dataset", "mnist", .. TinyBudget, "--device", "cpu", "--json", json], Training);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Tail()}");
        Assert.Contains(run.StandardOutput, l => l.StartsWith("epoch 1/1 ", StringComparison.Ordinal));
        Assert.True(File.Exists(json), $"--json {json} was not written:\n{run.Tail()}");
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = result.RootElement;
        var validation = root.GetProperty("validationAccuracy").GetDouble();
        Assert.InRange(validation, double.Epsilon, 1);
        Assert.InRange(root.GetProperty("testAccuracy").GetDouble(), 0, 1);
        Assert.Equal(SmallCnnParameters, root.GetProperty("parameters").GetInt64());
        Assert.True(root.GetProperty("flops").GetInt64() > 0, "flops must be positive");
        Assert.True(root.GetProperty("seconds").GetDouble() > 0, "seconds must be positive");
        Assert.True(root.GetProperty("imagesPerSecond").GetDouble() > 0, "imagesPerSecond must be positive");
        Assert.Equal("cpu", root.GetProperty("device").GetString());
        Assert.False(root.GetProperty("failed").GetBoolean());
        var epoch = Assert.Single(root.GetProperty("epochs").EnumerateArray());
        Assert.Equal(1, epoch.GetProperty("epoch").GetInt32());
        Assert.Equal(validation, epoch.GetProperty("validationAccuracy").GetDouble());
    }

    /// <summary>
    /// <c>--export</c> writes the trained network for PyTorch; PyTorch, given the MNIST test set as uint8 images and
    /// nothing else from us but the three files, classifies it exactly as well as the trainer reported.
    /// </summary>
    [Fact]
    public async Task Export_PyTorchReproducesTheReportedTestAccuracy()
    {
        var json = Path.Combine(_temp.FullName, "result.json");
        var export = Path.Combine(_temp.FullName, "export");

        var run = await TrainRun.RunAsync(_log, "train", ["--genome", SmallCnn, "--dataset", "mnist", .. TinyBudget, "--device", "cpu", "--json", json, "--export", export], Training);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Tail()}");
        Assert.Contains(run.StandardOutput, l => l.StartsWith($"exported for PyTorch to {export}", StringComparison.Ordinal));
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var reported = result.RootElement.GetProperty("testAccuracy").GetDouble();
        Assert.Equal(reported, PyTorchEvaluation.MnistTestAccuracy(export, images: 10_000, _output), 6);
    }


    [Fact]
    public async Task UnknownDataset_ExitsTwoNamingTheDataset()
    {
        var run = await TrainRun.RunAsync(_log, "train", ["--genome", SmallCnn, "--dataset", "svhn", .. TinyBudget], Quick);

        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}:\n{run.Tail()}");
        Assert.Contains(run.StandardError, l => l.Contains("unknown dataset 'svhn'") && l.Contains("mnist") && l.Contains("cifar-10"));
    }

    [Fact]
    public async Task MissingGenomeFile_ExitsTwoNamingTheFile()
    {
        var missing = Path.Combine(_temp.FullName, "no-such.genome.json");

        var run = await TrainRun.RunAsync(_log, "train", ["--genome", missing, "--dataset", "mnist", .. TinyBudget], Quick);

        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}:\n{run.Tail()}");
        Assert.Contains(run.StandardError, l => l.Contains(missing) && l.Contains("not found"));
    }

    [Fact]
    public async Task GenomeFileWithInvalidJson_ExitsTwoNamingTheFile()
    {
        var genome = Path.Combine(_temp.FullName, "broken.genome.json");
        await File.WriteAllTextAsync(genome, """{ "layers": [ { "type": "conv", "filters": 16, """);

        var run = await TrainRun.RunAsync(_log, "train", ["--genome", genome, "--dataset", "mnist", .. TinyBudget], Quick);

        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}:\n{run.Tail()}");
        Assert.Contains(run.StandardError, l => l.Contains(genome) && l.Contains("Genome JSON is invalid"));
    }

    [Fact]
    public async Task InvalidGenome_ExitsTwoNamingTheGenePath()
    {
        // Well-formed JSON, but the second convolution's kernel is 4: kernels are odd (same padding), 1, 3, 5 or 7.
        var genome = Path.Combine(_temp.FullName, "kernel-4.genome.json");
        await File.WriteAllTextAsync(genome, (await File.ReadAllTextAsync(SmallCnn)).Replace(
            """{ "type": "conv", "filters": 32, "kernel": 3,""", """{ "type": "conv", "filters": 32, "kernel": 4,""", StringComparison.Ordinal));
        Assert.Contains("\"kernel\": 4", await File.ReadAllTextAsync(genome));

        var run = await TrainRun.RunAsync(_log, "train", ["--genome", genome, "--dataset", "mnist", .. TinyBudget], Quick);

        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}:\n{run.Tail()}");
        Assert.Contains(run.StandardError, l => l.Contains(genome) && l.Contains("is not a valid genome for mnist"));
        Assert.Contains(run.StandardError, l => l.Contains("layers[2].kernel") && l.Contains("4 is not one of"));
    }

    [Fact]
    public async Task MisspelledDevice_ExitsTwoListingTheDevices()
    {
        var run = await TrainRun.RunAsync(_log, "train", ["--genome", SmallCnn, "--dataset", "mnist", .. TinyBudget, "--device", "gpu"], Quick);

        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}:\n{run.Tail()}");
        Assert.Contains(run.StandardError, l => l.Contains("--device") && l.Contains("'gpu'") && l.Contains("auto") && l.Contains("cpu") && l.Contains("cuda"));
    }

    [Fact]
    public async Task Help_ExitsZeroPrintingTheUsage()
    {
        var run = await TrainRun.RunAsync(_log, "train", ["--help"], Quick);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Tail()}");
        Assert.Contains(run.StandardOutput, l => l.StartsWith("usage:", StringComparison.Ordinal) && l.Contains("--device"));
    }

    [Fact]
    public async Task OptionWithoutItsValue_ExitsTwoInsteadOfTakingTheNextOption()
    {
        var run = await TrainRun.RunAsync(_log, "train", ["--genome", SmallCnn, "--dataset", "mnist", "--json", "--device", "cpu"], Quick);

        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}:\n{run.Tail()}");
        Assert.Contains(run.StandardError, l => l.Contains("--json needs a value"));
    }

    /// <summary>
    /// Without a GPU (the CPU libtorch that CI restores, or no device) <c>--device cuda</c> is a usage error at start,
    /// never a silent fallback to the CPU; where libtorch does see a GPU, the same command trains on it.
    /// </summary>
    [Fact]
    public async Task DeviceCuda_ExitsTwoWithoutGpu_TrainsWithGpu()
    {
        var cuda = CudaAvailable;
        _output.WriteLine($"libtorch sees a CUDA device in the test process: {cuda}");
        var json = Path.Combine(_temp.FullName, "result.json");

        var run = await TrainRun.RunAsync(_log, "train", ["--genome", SmallCnn, "--dataset", "mnist", .. TinyBudget, "--device", "cuda", "--json", json], Training);

        if (cuda)
        {
            Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Tail()}");
            using var result = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            Assert.Equal("cuda:0", result.RootElement.GetProperty("device").GetString());
        }
        else
        {
            Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}:\n{run.Tail()}");
            Assert.Contains(run.StandardError, l => l.Contains("device 'cuda'") && l.Contains("libtorch sees no CUDA device"));
            Assert.False(File.Exists(json), "no result is written when the device cannot be used");
        }
    }

    /// <summary>
    /// SIGTERM early in epoch 2 saves a checkpoint and exits 130; the same command then resumes (epoch 1 is not trained
    /// again) and the result equals, bit for bit, that of the same command run without interruption in another folder.
    /// </summary>
    [Fact]
    public async Task Sigterm_MidEpoch_Exits130_SameCommandResumes_ResultEqualsUninterruptedRun()
    {
        // About 2 s an epoch on an idle machine: SIGTERM, sent as soon as epoch 1 is reported, lands well inside epoch 2.
        string[] Arguments(string checkpoints, string json) =>
        [
            "--genome", SmallCnn, "--dataset", "mnist", "--train-subset", "12000", "--validation", "200", "--epochs", "2",
            "--batch-size", "50", "--threads", "1", "--device", "cpu", "--seed", "7", "--checkpoints", checkpoints, "--json", json,
        ];
        var interruptedCheckpoints = Path.Combine(_temp.FullName, "interrupted");
        var interruptedJson = Path.Combine(_temp.FullName, "interrupted.json");
        var interruptedArguments = Arguments(interruptedCheckpoints, interruptedJson);

        await using (var first = TrainRun.Start(_log, "interrupted", interruptedArguments))
        {
            await first.WaitForLineAsync(l => l.StartsWith("epoch 1/2 ", StringComparison.Ordinal), Training, "the end of epoch 1");
            first.Terminate();
            var exitCode = await first.WaitForExitAsync(Quick);
            Assert.True(exitCode == 130, $"exit code {exitCode} after SIGTERM in epoch 2 (0 means epoch 2 ended before the signal arrived):\n{first.Tail()}");
            Assert.Contains(first.StandardError, l => l.Contains("interrupted; checkpoint saved in") && l.Contains(interruptedCheckpoints));
            Assert.DoesNotContain(first.StandardOutput, l => l.StartsWith("epoch 2/2 ", StringComparison.Ordinal));
        }
        Assert.False(File.Exists(interruptedJson), "an interrupted run writes no result");
        Assert.NotEmpty(Directory.EnumerateFiles(interruptedCheckpoints, "*.ckpt", SearchOption.AllDirectories));

        var resumed = await TrainRun.RunAsync(_log, "resumed", interruptedArguments, Training);
        Assert.True(resumed.ExitCode == 0, $"exit code {resumed.ExitCode} on resumption:\n{resumed.Tail()}");
        Assert.Contains(resumed.StandardOutput, l => l.StartsWith("resuming from a checkpoint: 1 epoch(s)", StringComparison.Ordinal));
        Assert.DoesNotContain(resumed.StandardOutput, l => l.StartsWith("epoch 1/2 ", StringComparison.Ordinal));
        Assert.Contains(resumed.StandardOutput, l => l.StartsWith("epoch 2/2 ", StringComparison.Ordinal));

        var uninterruptedJson = Path.Combine(_temp.FullName, "uninterrupted.json");
        var uninterrupted = await TrainRun.RunAsync(_log, "uninterrupted", Arguments(Path.Combine(_temp.FullName, "uninterrupted"), uninterruptedJson), Training);
        Assert.True(uninterrupted.ExitCode == 0, $"exit code {uninterrupted.ExitCode} uninterrupted:\n{uninterrupted.Tail()}");
        Assert.DoesNotContain(uninterrupted.StandardOutput, l => l.StartsWith("resuming from a checkpoint", StringComparison.Ordinal));

        using var actual = JsonDocument.Parse(await File.ReadAllTextAsync(interruptedJson));
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(uninterruptedJson));
        Assert.False(actual.RootElement.GetProperty("failed").GetBoolean());
        Assert.False(expected.RootElement.GetProperty("failed").GetBoolean());
        Assert.Equal(2, actual.RootElement.GetProperty("epochs").GetArrayLength());
        Assert.Equal(Epochs(expected.RootElement), Epochs(actual.RootElement));
        Assert.Equal(expected.RootElement.GetProperty("validationAccuracy").GetDouble(), actual.RootElement.GetProperty("validationAccuracy").GetDouble());
        Assert.Equal(expected.RootElement.GetProperty("testAccuracy").GetDouble(), actual.RootElement.GetProperty("testAccuracy").GetDouble());
        Assert.Equal(expected.RootElement.GetProperty("parameters").GetInt64(), actual.RootElement.GetProperty("parameters").GetInt64());
        Assert.Equal(expected.RootElement.GetProperty("candidateId").GetString(), actual.RootElement.GetProperty("candidateId").GetString());
    }

    /// <summary>Per epoch: number, train loss and validation accuracy (exact doubles; the times differ between runs).</summary>
    private static List<(int Epoch, double TrainLoss, double ValidationAccuracy)> Epochs(JsonElement result) =>
    [
        .. result.GetProperty("epochs").EnumerateArray().Select(e =>
            (e.GetProperty("epoch").GetInt32(), e.GetProperty("trainLoss").GetDouble(), e.GetProperty("validationAccuracy").GetDouble())),
    ];

    /// <summary>
    /// <c>dotnet nas-trainer.dll train ARGS</c> as a <see cref="ChildProcess"/>, with NAS_SHARED_PATH set to the shared
    /// folder that holds the real datasets.
    /// </summary>
    private static class TrainRun
    {
        public static ChildProcess Start(TestLog log, string name, IReadOnlyList<string> arguments)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "nas-trainer.dll");
            if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: the test project references NasServerless.Trainer.App so that it is built beside the tests.");
            return ChildProcess.Start(name, ChildProcess.DotnetHost, [dll, "train", .. arguments], log,
                new Dictionary<string, string?> { ["NAS_SHARED_PATH"] = SharedPath }, AppContext.BaseDirectory);
        }

        /// <summary>Starts the command and waits for it to exit by itself (bounded); its output and exit code stay readable.</summary>
        public static async Task<ChildProcess> RunAsync(TestLog log, string name, IReadOnlyList<string> arguments, TimeSpan timeout)
        {
            await using var run = Start(log, name, arguments);
            await run.WaitForExitAsync(timeout);
            return run;
        }

        /// <summary>
        /// The folder whose <c>datasets</c> child holds the real datasets (what <c>train</c> reads as
        /// <c>$NAS_SHARED_PATH/datasets</c>).
        /// </summary>
        private static string SharedPath
        {
            get
            {
                var datasets = RepositoryPaths.Datasets;
                if (!string.Equals(Path.GetFileName(Path.TrimEndingDirectorySeparator(datasets)), "datasets", StringComparison.Ordinal))
                    throw new InvalidOperationException($"The datasets folder {datasets} is not named 'datasets', so no NAS_SHARED_PATH can point train at it.");
                return Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(datasets))!;
            }
        }
    }
}

/// <summary>The <c>train</c> process tests, run on their own after the parallel collections (they are CPU-bound).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainCommandCollection
{
    public const string Name = "nas-trainer train";
}
