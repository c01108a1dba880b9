using System.Diagnostics;
using Microsoft.DurableTask.Client;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.Orchestrators;
using NasServerless.Orchestration.State;
using NasServerless.Orchestration.Tests.Support;
using NasServerless.Search.Evolution;
using NasServerless.Testing;
using Xunit.Abstractions;

namespace NasServerless.Orchestration.Tests.Orchestrators;

/// <summary>
/// The candidate evaluation on its own: one owner candidate of a hand-written generation-0 plan, dispatched to the
/// fake trainer, which answers, loses the message, or never answers.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class EvaluateCandidateOrchestratorTests(StorageFixture storage, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Architecture = "01201201";
    private OrchestrationHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestrationHarness.StartAsync(storage, output);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task EvaluateCandidate_LateEventOfEarlierAttempt_DoesNotSatisfyLaterAttemptsWait()
    {
        var (searchId, instanceId) = await StartAsync(timeoutSeconds: 4, maxAttempts: 3, _ => FakeReply.Ignore);
        await Wait.UntilAsync(() => _harness.Trainer.JobsOf(searchId).Count >= 2, TimeSpan.FromSeconds(20), "attempt 2 is dispatched after attempt 1 timed out");
        var jobs = _harness.Trainer.JobsOf(searchId);

        // Attempt 1's trainer finally answers (its message only; its blob is not there yet), while attempt 2 waits.
        await _harness.Trainer.RelayAsync(jobs[0], attempt: 1);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var state = await _harness.Client.GetInstanceAsync(instanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Running, state?.RuntimeStatus);

        var clock = Stopwatch.StartNew();
        await _harness.Trainer.AnswerAsync(jobs[1]);
        var done = await _harness.WaitForCompletionAsync(instanceId, TimeSpan.FromSeconds(20));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<bool>());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"attempt 2's own event should end its wait at once, not its timeout ({clock.Elapsed.TotalSeconds:F1} s)");
        Assert.Equal([1, 2], _harness.Trainer.JobsOf(searchId).Select(j => j.Attempt));
    }

    [Fact]
    public async Task EvaluateCandidate_TimeoutWithResultBlob_CompletesWithoutRedispatch()
    {
        var (searchId, instanceId) = await StartAsync(timeoutSeconds: 2, maxAttempts: 3, _ => FakeReply.ResultBlobOnly);

        var done = await _harness.WaitForCompletionAsync(instanceId, TimeSpan.FromSeconds(30));
        await _harness.Trainer.DrainAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<bool>());
        Assert.Equal([1], _harness.Trainer.JobsOf(searchId).Select(j => j.Attempt));
        var result = await _harness.Store.GetResultAsync(searchId, Architecture);
        Assert.NotNull(result);
        Assert.False(result.Failed);
        Assert.Equal("fake-trainer", result.Worker);
    }

    [Fact]
    public async Task EvaluateCandidate_NoResultInAnyAttempt_RedispatchesThenRecordsFailure()
    {
        var (searchId, instanceId) = await StartAsync(timeoutSeconds: 1, maxAttempts: 3, _ => FakeReply.Ignore);

        var done = await _harness.WaitForCompletionAsync(instanceId, TimeSpan.FromSeconds(30));
        await _harness.Trainer.DrainAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.False(done.ReadOutputAs<bool>());
        Assert.Equal([1, 2, 3], _harness.Trainer.JobsOf(searchId).Select(j => j.Attempt));
        var result = await _harness.Store.GetResultAsync(searchId, Architecture);
        Assert.NotNull(result);
        Assert.True(result.Failed);
        Assert.Equal("orchestrator", result.Worker);
        Assert.Equal(0, result.ValidationAccuracy);
        Assert.Contains("3 attempts", result.FailureReason);
    }

    private async Task<(string SearchId, string InstanceId)> StartAsync(int timeoutSeconds, int maxAttempts, Func<NasServerless.Contracts.TrainingJob, FakeReply> policy)
    {
        var searchId = await _harness.CreateSearchAsync(OrchestrationHarness.Definition(timeoutSeconds: timeoutSeconds, maxAttempts: maxAttempts), policy);
        await _harness.SavePlanAsync(searchId, [OrchestrationHarness.Candidate(Architecture, CandidateDisposition.New, owner: 0)]);
        var instanceId = InstanceIds.Candidate(searchId, 0, 0, Architecture);
        await _harness.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(EvaluateCandidateOrchestrator),
            new CandidateEvaluationInput(searchId, Architecture, 0, 0, Dispatch: true, timeoutSeconds, maxAttempts),
            new Microsoft.DurableTask.StartOrchestrationOptions(instanceId));
        return (searchId, instanceId);
    }
}
