namespace NasServerless.Trainer.Storage;

/// <summary>
/// How a message's JSON is put in a queue message: as is, or Base64 (what an Azure Functions queue trigger
/// expects unless its host.json sets <c>"messageEncoding": "none"</c>).
/// </summary>
public enum QueueMessageTextEncoding
{
    None,
    Base64,
}
