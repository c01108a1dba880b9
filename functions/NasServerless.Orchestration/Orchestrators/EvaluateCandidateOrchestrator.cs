using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using NasServerless.Contracts;
using NasServerless.Orchestration.Activities;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.State;

namespace NasServerless.Orchestration.Orchestrators;

/// <summary>
/// Gets one candidate evaluated. The owner dispatches a training job and waits for the event
/// trained:{candidate}:{attempt} — unique per attempt, so a late event of an earlier attempt never
/// satisfies a later wait; on timeout it looks for the result blob, else re-dispatches, and after the
/// last attempt records a failure. A non-owner (same architecture bred by an earlier island this
/// generation) waits for the owner's result blob: the owner wakes it with the event owner-done:{candidate}
/// once the result or failure is stored, and a slow poll covers a wake-up that never comes (an owner
/// replayed from an older version, or a waiter that started after the owner finished).
/// </summary>
[DurableTask(nameof(EvaluateCandidateOrchestrator))]
public sealed class EvaluateCandidateOrchestrator : TaskOrchestrator<CandidateEvaluationInput, bool>
{
    public static string EventName(string candidateId, int attempt) => $"trained:{candidateId}:{attempt}";

    /// <summary>The event an owner sends to the islands waiting for the same candidate when its outcome is stored.</summary>
    public static string OwnerDoneEventName(string candidateId) => $"owner-done:{candidateId}";

    public override async Task<bool> RunAsync(TaskOrchestrationContext context, CandidateEvaluationInput input)
    {
        var succeeded = await EvaluateAsync(context, input);
        // The result blob or the failure record exists now: wake the islands that wait for it instead of letting them poll.
        foreach (var island in input.Waiters ?? [])
        {
            context.SendEvent(InstanceIds.Candidate(input.SearchId, input.Generation, island, input.CandidateId), OwnerDoneEventName(input.CandidateId), succeeded);
        }
        return succeeded;
    }

    private static async Task<bool> EvaluateAsync(TaskOrchestrationContext context, CandidateEvaluationInput input)
    {
        var candidate = new CandidateRef(input.SearchId, input.CandidateId);
        var timeout = TimeSpan.FromSeconds(input.TimeoutSeconds);
        for (var attempt = 1; attempt <= input.MaxAttempts; attempt++)
        {
            if (await context.CallActivityAsync<bool>(nameof(CheckCandidateResult), candidate)) return true;
            if (!input.Dispatch)
            {
                try
                {
                    await context.WaitForExternalEvent<bool>(OwnerDoneEventName(input.CandidateId), PollInterval(input.TimeoutSeconds));
                }
                catch (TaskCanceledException)
                {
                    // No word from the owner within the poll interval: look for its result again.
                }
                attempt--; // waiting on the owner does not use attempts; the owner's failure record ends the wait
                continue;
            }
            await context.CallActivityAsync(nameof(EnqueueTrainingJob), new TrainingJobRequest(input.SearchId, context.InstanceId, input.CandidateId, input.Generation, input.Island, attempt));
            try
            {
                await context.WaitForExternalEvent<TrainingResultMessage>(EventName(input.CandidateId, attempt), timeout);
                return true;
            }
            catch (TaskCanceledException)
            {
                context.CreateReplaySafeLogger<EvaluateCandidateOrchestrator>().LogWarning(
                    "No result for {CandidateId} attempt {Attempt} within {Timeout}", input.CandidateId, attempt, timeout);
            }
        }
        if (await context.CallActivityAsync<bool>(nameof(CheckCandidateResult), candidate)) return true;
        await context.CallActivityAsync(nameof(RecordCandidateFailure), new CandidateFailure(input.SearchId, input.CandidateId, input.Generation, input.Island, $"no result after {input.MaxAttempts} attempts of {input.TimeoutSeconds} s"));
        return false;
    }

    private static TimeSpan PollInterval(int timeoutSeconds) => TimeSpan.FromSeconds(Math.Clamp(timeoutSeconds / 20, 1, 30));
}
