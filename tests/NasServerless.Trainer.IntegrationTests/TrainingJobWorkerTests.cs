using System.Text;
using NasServerless.Contracts;
using NasServerless.Trainer.IntegrationTests.Support;
using Xunit.Abstractions;

namespace NasServerless.Trainer.IntegrationTests;

/// <summary>The queue worker in-process (as <c>nas-trainer worker</c> wires it) against Azurite, one job path per test.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TrainingJobWorkerTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static void StopAfter(Dictionary<string, string?> configuration, int jobs) => configuration["Worker:MaxJobs"] = $"{jobs}";

    [Fact]
    public async Task DuplicateDelivery_TwoWorkersTrainSameJob_OneResultBlobAndBothMessagesAnsweredWithIt()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var job = StorageScope.LookupJob("dup", simulatedSeconds: 2);
        await storage.EnqueueAsync(job);
        await storage.EnqueueAsync(job);

        await using var first = await InProcessWorker.StartAsync(storage, output, "worker-a", TestTrainers.Lookup(), c => StopAfter(c, 1));
        await using var second = await InProcessWorker.StartAsync(storage, output, "worker-b", TestTrainers.Lookup(), c => StopAfter(c, 1));
        await Task.WhenAll(first.WaitForStopAsync(Bound), second.WaitForStopAsync(Bound));

        var expectedBlob = StorageNames.ResultBlob(job.SearchId, job.CandidateId);
        var messages = await storage.TakeResultMessagesAsync(2, Bound);
        Assert.All(messages, m => Assert.Equal(new TrainingResultMessage(job.SearchId, job.InstanceId, job.CandidateId, job.Attempt, expectedBlob), m));
        Assert.Equal([expectedBlob], await storage.BlobNamesAsync(storage.ResultBlobs));
        var result = await storage.ReadResultAsync(job.SearchId, job.CandidateId);
        Assert.NotNull(result);
        Assert.Contains(result.Worker, new[] { "worker-a", "worker-b" });
        Assert.Equal(TestTrainers.Table.Get("01201100").MeanAccuracy / 100, result.ValidationAccuracy);
        // Both trained at once (each took its own message); the second writer lost the conditional write and published the winner's result.
        Assert.Single(first.Logs.Concat(second.Logs), l => l.Contains($"Worker {result.Worker} stored the result of dup/{job.CandidateId} first; publishing theirs"));
        Assert.Equal(0, await storage.ApproximateJobCountAsync());
    }

    [Fact]
    public async Task ResultBlobExists_JobDelivered_RepublishesWithThisAttemptWithoutTraining()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var job = StorageScope.LookupJob("exists", attempt: 3);
        var earlier = new TrainingResult { SearchId = job.SearchId, CandidateId = job.CandidateId, ValidationAccuracy = 0.5, Worker = "earlier-worker" };
        await storage.ResultBlobs.GetBlobClient(StorageNames.ResultBlob(job.SearchId, job.CandidateId)).UploadAsync(BinaryData.FromString(ContractJson.Serialize(earlier)));
        await storage.EnqueueAsync(job);
        var trainer = new ThrowingTrainer();

        await using (var worker = await InProcessWorker.StartAsync(storage, output, "worker", TestTrainers.Only(trainer), c => StopAfter(c, 1)))
        {
            await worker.WaitForStopAsync(Bound);
        }

        Assert.Equal(0, trainer.Calls);
        var message = Assert.Single(await storage.TakeResultMessagesAsync(1, Bound));
        Assert.Equal(3, message.Attempt);
        Assert.Equal(StorageNames.ResultBlob(job.SearchId, job.CandidateId), message.ResultBlob);
        Assert.Equal(ContractJson.Serialize(earlier), ContractJson.Serialize(await storage.ReadResultAsync(job.SearchId, job.CandidateId)));
        Assert.Equal(0, await storage.ApproximateJobCountAsync());
    }

    [Fact]
    public async Task AnotherWorkerStoresResultFirst_WhileTraining_ConditionalWriteLosesAndTheirsIsPublished()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var job = StorageScope.LookupJob("race");
        var theirs = new TrainingResult { SearchId = job.SearchId, CandidateId = job.CandidateId, ValidationAccuracy = 0.42, Worker = "other-worker" };
        var trainer = new RaceLosingTrainer(async j =>
            await storage.ResultBlobs.GetBlobClient(StorageNames.ResultBlob(j.SearchId, j.CandidateId)).UploadAsync(BinaryData.FromString(ContractJson.Serialize(theirs))));
        await storage.EnqueueAsync(job);

        await using (var worker = await InProcessWorker.StartAsync(storage, output, "worker", TestTrainers.Only(trainer), c => StopAfter(c, 1)))
        {
            await worker.WaitForStopAsync(Bound);
            Assert.Contains(worker.Logs, l => l.Contains("Worker other-worker stored the result of race/c-01201100 first; publishing theirs"));
        }

        Assert.Equal(ContractJson.Serialize(theirs), ContractJson.Serialize(await storage.ReadResultAsync(job.SearchId, job.CandidateId)));
        Assert.Single(await storage.TakeResultMessagesAsync(1, Bound));
        Assert.Equal(0, await storage.ApproximateJobCountAsync());
    }

    [Fact]
    public async Task DequeueCountOverLimit_JobDelivered_FailedResultAndPoisonCopyAndJobDeleted()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var job = StorageScope.LookupJob("poison", attempt: 2);
        var text = ContractJson.Serialize(job);
        await storage.EnqueueRawAsync(text);
        // Two earlier deliveries that never finished (e.g. workers that crashed on it).
        for (var i = 0; i < 2; i++)
        {
            var taken = (await storage.Jobs.ReceiveMessageAsync(TimeSpan.FromSeconds(30))).Value;
            await storage.Jobs.UpdateMessageAsync(taken.MessageId, taken.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        }
        var trainer = new ThrowingTrainer();

        await using (var worker = await InProcessWorker.StartAsync(storage, output, "worker", TestTrainers.Only(trainer), c =>
                     {
                         StopAfter(c, 1);
                         c["Worker:MaxDequeueCount"] = "2";
                     }))
        {
            await worker.WaitForStopAsync(Bound);
        }

        Assert.Equal(0, trainer.Calls);
        var poisoned = Assert.Single(await storage.PoisonMessagesAsync());
        Assert.Equal(text, poisoned.Body.ToString());
        var result = await storage.ReadResultAsync(job.SearchId, job.CandidateId);
        Assert.NotNull(result);
        Assert.True(result.Failed);
        Assert.Equal(0, result.ValidationAccuracy);
        Assert.Contains("dequeued 3 times (limit 2)", result.FailureReason);
        var message = Assert.Single(await storage.TakeResultMessagesAsync(1, Bound));
        Assert.Equal(2, message.Attempt);
        Assert.Equal(0, await storage.ApproximateJobCountAsync());
    }

    [Fact]
    public async Task TrainerThrowsEveryTime_RetriedUntilOverLimit_ThenFailedResultNotACrashLoop()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var job = StorageScope.LookupJob("throws");
        await storage.EnqueueAsync(job);
        var trainer = new ThrowingTrainer();

        await using (var worker = await InProcessWorker.StartAsync(storage, output, "worker", TestTrainers.Only(trainer), c =>
                     {
                         StopAfter(c, 3);
                         c["Worker:MaxDequeueCount"] = "2";
                         c["Worker:RetryDelay"] = "00:00:00";
                     }))
        {
            await worker.WaitForStopAsync(Bound);
            Assert.Equal(0, worker.Status.ExitCode);
        }

        Assert.Equal(2, trainer.Calls);
        var result = await storage.ReadResultAsync(job.SearchId, job.CandidateId);
        Assert.True(result!.Failed);
        Assert.Single(await storage.PoisonMessagesAsync());
        Assert.Single(await storage.TakeResultMessagesAsync(1, Bound));
        Assert.Equal(0, await storage.ApproximateJobCountAsync());
    }

    [Fact]
    public async Task UnparseableMessages_Delivered_CopiedToPoisonAndDeleted_WorkerGoesOn()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        const string garbage = "this is not json";
        const string noIds = """{"searchId":"s","attempt":1}""";
        await storage.EnqueueRawAsync(garbage);
        await storage.EnqueueRawAsync(noIds);
        var job = StorageScope.LookupJob("after-garbage");
        await storage.EnqueueAsync(job);

        await using (var worker = await InProcessWorker.StartAsync(storage, output, "worker", TestTrainers.Lookup(), c => StopAfter(c, 3)))
        {
            await worker.WaitForStopAsync(Bound);
            Assert.Equal(0, worker.Status.ExitCode);
            Assert.Contains(worker.Logs, l => l.Contains("is not a valid TrainingJob") && l.Contains("candidateId: missing"));
        }

        Assert.Equal(new[] { garbage, noIds }.Order(), (await storage.PoisonMessagesAsync()).Select(m => m.Body.ToString()).Order());
        Assert.False((await storage.ReadResultAsync(job.SearchId, job.CandidateId))!.Failed);
        Assert.Single(await storage.TakeResultMessagesAsync(1, Bound));
        Assert.Equal(0, await storage.ApproximateJobCountAsync());
    }

    [Fact]
    public async Task SearchCancelled_JobDelivered_DroppedWithoutTrainingOrPublishing()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var job = StorageScope.LookupJob("cancelled");
        await storage.CancelSearchAsync(job.SearchId);
        await storage.EnqueueAsync(job);
        var trainer = new ThrowingTrainer();

        await using (var worker = await InProcessWorker.StartAsync(storage, output, "worker", TestTrainers.Only(trainer), c => StopAfter(c, 1)))
        {
            await worker.WaitForStopAsync(Bound);
        }

        Assert.Equal(0, trainer.Calls);
        Assert.Empty(await storage.BlobNamesAsync(storage.ResultBlobs));
        Assert.Empty(await storage.ResultMessagesPeekAsync());
        Assert.Empty(await storage.PoisonMessagesAsync());
        Assert.Equal(0, await storage.ApproximateJobCountAsync());
    }

    [Fact]
    public async Task NoTrainerForSearchSpace_JobDelivered_ReleasedForAnotherWorker()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var job = StorageScope.LookupJob("elsewhere") with { SearchSpace = "layer-list" };
        await storage.EnqueueAsync(job);

        await using (var worker = await InProcessWorker.StartAsync(storage, output, "worker", TestTrainers.Lookup(), c => StopAfter(c, 1)))
        {
            await worker.WaitForStopAsync(Bound);
        }

        Assert.Empty(await storage.ResultMessagesPeekAsync());
        Assert.Empty(await storage.PoisonMessagesAsync());
        await StorageScope.WaitUntilAsync(async () => await storage.VisibleJobCountAsync() == 1, TimeSpan.FromSeconds(10), "the released job to be visible again");
        Assert.Equal(1, (await storage.Jobs.PeekMessageAsync()).Value.DequeueCount);
    }

    [Fact]
    public async Task LongJob_LeaseShorterThanJob_RenewedSoNoOtherWorkerSeesIt()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var job = StorageScope.LookupJob("lease", simulatedSeconds: 4);
        await storage.EnqueueAsync(job);

        await using (var worker = await InProcessWorker.StartAsync(storage, output, "worker", TestTrainers.Lookup(0.5), c =>
                     {
                         StopAfter(c, 1);
                         c["Worker:VisibilityTimeout"] = "00:00:02";
                         c["Worker:RenewInterval"] = "00:00:00.500";
                     }))
        {
            // Well past the 2 s visibility timeout, the job is still hidden from everyone else.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(0, await storage.VisibleJobCountAsync());
            Assert.Null((await storage.Jobs.ReceiveMessageAsync()).Value);
            await worker.WaitForStopAsync(Bound);
            Assert.Contains(worker.Logs, l => l.Contains("Renewed lease on message"));
        }

        var message = Assert.Single(await storage.TakeResultMessagesAsync(1, Bound));
        Assert.Equal(job.Attempt, message.Attempt);
        Assert.Equal(4, (await storage.ReadResultAsync(job.SearchId, job.CandidateId))!.Seconds);
        Assert.Equal(0, await storage.ApproximateJobCountAsync());
    }

    [Fact]
    public async Task Base64Job_Delivered_ParsedAndResultMessageWrittenInConfiguredEncoding()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        var job = StorageScope.LookupJob("base64");
        await storage.EnqueueRawAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(ContractJson.Serialize(job))));

        await using (var worker = await InProcessWorker.StartAsync(storage, output, "worker", TestTrainers.Lookup(), c =>
                     {
                         StopAfter(c, 1);
                         c["Worker:MessageEncoding"] = "Base64";
                     }))
        {
            await worker.WaitForStopAsync(Bound);
        }

        var raw = Assert.Single(await storage.ResultMessagesPeekAsync()).Body.ToString();
        var message = ContractJson.Deserialize<TrainingResultMessage>(Encoding.UTF8.GetString(Convert.FromBase64String(raw)));
        Assert.Equal(job.CandidateId, message.CandidateId);
    }
}
