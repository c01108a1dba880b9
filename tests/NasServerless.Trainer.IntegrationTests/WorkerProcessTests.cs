using System.Text;
using System.Diagnostics;
using NasServerless.Contracts;
using NasServerless.Trainer.IntegrationTests.Support;
using NasServerless.Trainer.Storage;
using Xunit.Abstractions;

namespace NasServerless.Trainer.IntegrationTests;

/// <summary>The built <c>nas-trainer worker</c> as a child process: killed with SIGKILL mid-epoch, stopped with SIGTERM mid-job, misconfigured.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerProcessTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Real TorchSharp training (small CNN, MNIST subset, one thread). Worker A is killed with SIGKILL right after its
    /// first epoch's checkpoint appears, i.e. early in epoch 2; worker B takes the job once its lease lapses, resumes
    /// from that checkpoint, and must produce exactly what an uninterrupted worker produced for the same job and seed:
    /// the same losses, accuracies, size, and byte-identical weights.
    /// </summary>
    [Fact]
    public async Task KilledMidEpoch_SecondWorkerResumesFromCheckpoint_ResultEqualsUninterruptedRun()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var genome = await File.ReadAllTextAsync(RepositoryPaths.ExampleGenome("small-cnn.genome.json"));
        var budget = new TrainingBudget { Epochs = 3, TrainSubset = 1536, ValidationImages = 500, BatchSize = 64 };
        TrainingJob Job(string searchId) => new(searchId, $"instance-{searchId}", "small-cnn", 1, "layer-list", genome, "mnist", budget, Seed: 42);
        var environment = new Dictionary<string, string?>
        {
            ["Datasets__LocalRoot"] = RepositoryPaths.Datasets,
            ["Trainer__TestImages"] = "500",
            ["Worker__VisibilityTimeout"] = "00:00:03",
        };
        string[] arguments = ["--connection", storage.ConnectionString, "--max-jobs", "1", "--idle-exit", "60", "--threads", "1"];

        var reference = Job("uninterrupted");
        await storage.EnqueueAsync(reference);
        await using (var worker = WorkerProcess.Start(storage, output, "reference", arguments, environment))
        {
            Assert.Equal(0, await worker.WaitForExitAsync(Bound));
        }
        var expected = await storage.ReadResultAsync(reference.SearchId, reference.CandidateId);
        Assert.NotNull(expected);
        Assert.False(expected.Failed, expected.FailureReason);
        Assert.Equal(3, expected.Epochs.Count);
        Assert.Single(await storage.TakeResultMessagesAsync(1, Bound));

        var job = Job("killed");
        await storage.EnqueueAsync(job);
        var firstEpoch = storage.Checkpoints.GetBlobClient(BlobCheckpointStore.BlobName(job.SearchId, job.CandidateId, 1_000_000));
        await using (var doomed = WorkerProcess.Start(storage, output, "doomed", arguments, environment))
        {
            await StorageScope.WaitUntilAsync(async () => (await firstEpoch.ExistsAsync()).Value, Bound, "the first epoch's checkpoint");
            ChildProcesses.KillHard(doomed.Process);
            Assert.NotEqual(0, await doomed.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }
        Assert.Null(await storage.ReadResultAsync(job.SearchId, job.CandidateId));
        Assert.Equal(1, await storage.ApproximateJobCountAsync());
        output.WriteLine($"checkpoints after the kill: {string.Join(", ", await storage.BlobNamesAsync(storage.Checkpoints, $"{job.SearchId}/"))}");

        var clock = Stopwatch.StartNew();
        await using (var successor = WorkerProcess.Start(storage, output, "successor", arguments, environment))
        {
            Assert.Equal(0, await successor.WaitForExitAsync(Bound));
            output.WriteLine($"successor finished {clock.Elapsed.TotalSeconds:F1} s after the kill");
            Assert.Contains(successor.Lines, l => l.Contains("Resuming small-cnn from checkpoint: ") && !l.Contains(": 0 epoch(s) and 0 step(s)"));
            // Epoch 1 is not trained again.
            Assert.DoesNotContain(successor.Lines, l => l.Contains("small-cnn epoch 1/3"));
            Assert.Contains(successor.Lines, l => l.Contains("small-cnn epoch 3/3"));
        }

        var actual = await storage.ReadResultAsync(job.SearchId, job.CandidateId);
        Assert.NotNull(actual);
        Assert.False(actual.Failed, actual.FailureReason);
        Assert.Equal(expected.Parameters, actual.Parameters);
        Assert.Equal(expected.Flops, actual.Flops);
        Assert.Equal(expected.ValidationAccuracy, actual.ValidationAccuracy);
        Assert.Equal(expected.TestAccuracy, actual.TestAccuracy);
        Assert.Equal(expected.Epochs.Select(e => (e.Epoch, e.TrainLoss, e.ValidationAccuracy)), actual.Epochs.Select(e => (e.Epoch, e.TrainLoss, e.ValidationAccuracy)));
        Assert.Equal(StorageNames.WeightsBlob(job.SearchId, job.CandidateId), actual.WeightsBlob);
        var expectedWeights = (await storage.Checkpoints.GetBlobClient(expected.WeightsBlob).DownloadContentAsync()).Value.Content.ToArray();
        var actualWeights = (await storage.Checkpoints.GetBlobClient(actual.WeightsBlob).DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(expectedWeights, actualWeights);
        // The network for PyTorch users: the same bytes as the uninterrupted run's, and PyTorch scores it as reported.
        Assert.Equal(StorageNames.PyTorchExportPrefix(job.SearchId, job.CandidateId), actual.PyTorchExport);
        var export = Directory.CreateTempSubdirectory("nas-worker-export-");
        try
        {
            foreach (var file in new[] { "model.safetensors", "model.py", "genome.json" })
            {
                var bytes = (await storage.Checkpoints.GetBlobClient(actual.PyTorchExport + file).DownloadContentAsync()).Value.Content.ToArray();
                var uninterruptedBytes = (await storage.Checkpoints.GetBlobClient(expected.PyTorchExport + file).DownloadContentAsync()).Value.Content.ToArray();
                // model.py's docstring names its search; everything else is the same.
                if (file == "model.py") Assert.Equal(Encoding.UTF8.GetString(uninterruptedBytes).Replace(expected.SearchId, job.SearchId, StringComparison.Ordinal), Encoding.UTF8.GetString(bytes));
                else Assert.Equal(uninterruptedBytes, bytes);
                await File.WriteAllBytesAsync(Path.Combine(export.FullName, file), bytes);
            }
            Assert.Equal(actual.TestAccuracy!.Value, PyTorchEvaluation.MnistTestAccuracy(export.FullName, images: 500, output), 6);
        }
        finally
        {
            export.Delete(recursive: true);
        }
        var message = Assert.Single(await storage.TakeResultMessagesAsync(1, Bound));
        Assert.Equal(new TrainingResultMessage(job.SearchId, job.InstanceId, job.CandidateId, job.Attempt, StorageNames.ResultBlob(job.SearchId, job.CandidateId)), message);
        Assert.Equal(0, await storage.ApproximateJobCountAsync());
    }

    [Fact]
    public async Task Sigterm_MidJob_ReleasesMessageAtOnceAndExitsZero()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var job = StorageScope.LookupJob("sigterm", simulatedSeconds: 30);
        await storage.EnqueueAsync(job);
        var environment = new Dictionary<string, string?>
        {
            ["Worker__VisibilityTimeout"] = "00:00:30",
            ["Worker__RenewInterval"] = "00:00:10",
            ["NasBenchMacro__SimulatedStepSeconds"] = "0.5",
        };

        await using var worker = WorkerProcess.Start(storage, output, "worker", ["--once", "--table", RepositoryPaths.NasBenchMacroTable], environment);
        var firstStep = storage.Checkpoints.GetBlobClient(BlobCheckpointStore.BlobName(job.SearchId, job.CandidateId, 1));
        await StorageScope.WaitUntilAsync(async () => (await firstStep.ExistsAsync()).Value, TimeSpan.FromSeconds(60), "the first checkpoint");
        Assert.Equal(0, await storage.VisibleJobCountAsync());

        ChildProcesses.Terminate(worker.Process);
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(20)));

        // Visible again now, not when the 30 s lease would have lapsed.
        var released = (await storage.Jobs.PeekMessagesAsync(32)).Value;
        Assert.Equal(job.CandidateId, ContractJson.Deserialize<TrainingJob>(Assert.Single(released).Body.ToString()).CandidateId);
        Assert.Contains(worker.Lines, l => l.Contains("Stopping: releasing message"));
        Assert.NotEmpty(await storage.BlobNamesAsync(storage.Checkpoints, $"{job.SearchId}/{job.CandidateId}/"));
        Assert.Null(await storage.ReadResultAsync(job.SearchId, job.CandidateId));
        Assert.Empty(await storage.ResultMessagesPeekAsync());
    }

    [Fact]
    public async Task Sigterm_WhileIdle_ExitsZero()
    {
        var storage = await StorageScope.CreateAsync(azurite);

        await using var worker = WorkerProcess.Start(storage, output, "worker", ["--table", RepositoryPaths.NasBenchMacroTable]);
        await worker.WaitForLineAsync(l => l.Contains("polling queue"), TimeSpan.FromSeconds(60), "that it polls");
        ChildProcesses.Terminate(worker.Process);

        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task MissingTable_WorkerStarts_ExitsOneWithClearMessage()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.json");

        await using var worker = WorkerProcess.Start(storage, output, "worker", ["--table", missing, "--idle-exit", "1"]);

        Assert.Equal(1, await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(worker.Lines, l => l.StartsWith("worker: cannot start: NAS-Bench-Macro table", StringComparison.Ordinal) && l.Contains(missing) && l.Contains("is missing"));
    }

    /// <summary>
    /// <c>--device cuda</c> where libtorch sees no GPU (the CPU build CI restores) stops the worker at start, before it
    /// takes a job, instead of training on the CPU; where a GPU is visible the worker starts on it and exits when idle.
    /// </summary>
    [Fact]
    public async Task DeviceCudaWithoutGpu_WorkerExitsOneNamingTheDevice()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var cuda = TrainCommandTests.CudaAvailable;
        output.WriteLine($"libtorch sees a CUDA device in the test process: {cuda}");
        // The TorchSharp trainer (which resolves the device) is only registered when datasets are configured.
        var environment = new Dictionary<string, string?> { ["Datasets__LocalRoot"] = RepositoryPaths.Datasets };
        var genome = await File.ReadAllTextAsync(RepositoryPaths.ExampleGenome("small-cnn.genome.json"));
        var budget = new TrainingBudget { Epochs = 1, TrainSubset = 100, ValidationImages = 100, BatchSize = 50 };
        await storage.EnqueueAsync(new TrainingJob("cuda", "instance-cuda", "small-cnn", 1, "layer-list", genome, "mnist", budget, Seed: 1));

        await using var worker = WorkerProcess.Start(storage, output, "worker", ["--device", "cuda", "--idle-exit", "1", "--max-jobs", "1"], environment);

        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromSeconds(60));
        if (cuda)
        {
            Assert.Equal(0, exitCode);
            Assert.Contains(worker.Lines, l => l.Contains("Layer-list candidates train on cuda:0"));
            var result = await storage.ReadResultAsync("cuda", "small-cnn");
            Assert.NotNull(result);
            Assert.Equal("cuda:0", result.Device);
        }
        else
        {
            Assert.Equal(1, exitCode);
            Assert.Contains(worker.Lines, l => l.StartsWith("worker: cannot start:", StringComparison.Ordinal) && l.Contains("cuda") && l.Contains("libtorch sees no CUDA device"));
            // Stopped before it took the job: the job is still queued for a worker that can train it.
            Assert.Equal(1, await storage.VisibleJobCountAsync());
            Assert.Null(await storage.ReadResultAsync("cuda", "small-cnn"));
        }
    }

    [Fact]
    public async Task DeviceGpu_WorkerExitsTwoWithUsageErrorNamingTheOption()
    {
        var storage = await StorageScope.CreateAsync(azurite);

        await using var worker = WorkerProcess.Start(storage, output, "worker", ["--device", "gpu", "--idle-exit", "1"]);

        // A usage error (CommandLine.Usage): exit code 2, the message, then the usage text.
        Assert.Equal(2, await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(worker.Lines, l => l.StartsWith("worker: --device", StringComparison.Ordinal) && l.Contains("'gpu'") && l.Contains("auto, cpu, cuda"));
        Assert.Contains(worker.Lines, l => l.StartsWith("usage: nas-trainer worker", StringComparison.Ordinal));
    }
}
