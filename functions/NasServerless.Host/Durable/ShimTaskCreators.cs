using DurableTask.Core;

namespace NasServerless.Host.Durable;

/// <summary>
/// A DTFx task creator around a factory: <see cref="TaskHubWorkerService"/> gives it one that wraps a portable
/// orchestrator or activity with DurableTaskShimFactory (documented as not meant for application code), so the
/// shim is used in this folder only and swapping the host means replacing it.
/// </summary>
internal sealed class ShimTaskCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> _create;

    public ShimTaskCreator(string name, Func<T> create)
    {
        Name = name;
        Version = string.Empty;
        _create = create;
    }

    public override T Create() => _create();
}
