using NasServerless.Cli.Tests.Support;
using NasServerless.Orchestration.Clients;

namespace NasServerless.Cli.Tests;

public sealed class ProgressLineTests
{
    [Fact]
    public void Of_RunningWithEstimate_StatusGenerationCountsAccuracyFrontAndSecondsLeft()
    {
        var line = ProgressLine.Of(Searches.Json(Searches.Status(SearchRuntimeStatus.Running, secondsLeft: 42.4)));

        Assert.Equal("running    generation 2/5: 10 trained, 4 queued, 1 failed; best accuracy 93.21 %, front 3, ~42 s left", line);
    }

    [Fact]
    public void Of_CompletedWithoutEstimate_NoSecondsLeft()
    {
        var line = ProgressLine.Of(Searches.Json(Searches.Status(SearchRuntimeStatus.Completed)));

        Assert.Equal("completed  generation 2/5: 10 trained, 4 queued, 1 failed; best accuracy 93.21 %, front 3", line);
    }

    [Fact]
    public void Of_FailedWithFailure_EndsWithTheFailure()
    {
        var line = ProgressLine.Of(Searches.Json(Searches.Status(SearchRuntimeStatus.Failed, failure: "Activity 'EnqueueTrainingJob' failed: queue not found")));

        Assert.Equal("failed     generation 2/5: 10 trained, 4 queued, 1 failed; best accuracy 93.21 %, front 3; failure: Activity 'EnqueueTrainingJob' failed: queue not found", line);
    }
}
