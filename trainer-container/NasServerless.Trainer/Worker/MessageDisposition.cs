namespace NasServerless.Trainer.Worker;

/// <summary>What the transport does with a message once its handler returns.</summary>
public enum MessageDisposition
{
    /// <summary>Handled: delete it.</summary>
    Complete,

    /// <summary>Not handled here (e.g. no trainer for its search space): make it visible again after the retry delay, for another worker.</summary>
    RetryLater,
}
