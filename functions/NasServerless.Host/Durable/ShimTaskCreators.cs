using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace NasServerless.Host.Durable;

// The one place that knows about DurableTaskShimFactory (documented as not meant for application code):
// it wraps the portable orchestrators and activities as DTFx tasks. Swapping the host means replacing this folder.

internal sealed class ShimOrchestrationCreator : ObjectCreator<TaskOrchestration>
{
    private readonly DurableTaskShimFactory _shims;
    private readonly IServiceProvider _services;
    private readonly Type _type;

    public ShimOrchestrationCreator(DurableTaskShimFactory shims, IServiceProvider services, Type type)
    {
        (_shims, _services, _type) = (shims, services, type);
        Name = type.Name;
        Version = string.Empty;
    }

    public override TaskOrchestration Create() =>
        _shims.CreateOrchestration(Name, (ITaskOrchestrator)ActivatorUtilities.CreateInstance(_services, _type), parent: null);
}

internal sealed class ShimActivityCreator : ObjectCreator<TaskActivity>
{
    private readonly DurableTaskShimFactory _shims;
    private readonly IServiceProvider _services;
    private readonly Type _type;

    public ShimActivityCreator(DurableTaskShimFactory shims, IServiceProvider services, Type type)
    {
        (_shims, _services, _type) = (shims, services, type);
        Name = type.Name;
        Version = string.Empty;
    }

    public override TaskActivity Create() =>
        _shims.CreateActivity(Name, (ITaskActivity)ActivatorUtilities.CreateInstance(_services, _type));
}
