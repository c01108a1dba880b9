using Microsoft.DurableTask;

namespace NasServerless.Functions.Durable;

/// <summary>The activity context the Durable Task source generator would emit for a class-based activity: its name and the calling instance.</summary>
public sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
