namespace NasServerless.Trainer.Worker;

/// <summary>One delivery of a queue message: its id, how often it has been dequeued (this time included), and its raw text.</summary>
public sealed record MessageDelivery(string MessageId, long DequeueCount, string Text);
