using Microsoft.DurableTask;
using NasServerless.Orchestration.State;

namespace NasServerless.Orchestration.Activities;

/// <summary>How many islands a search has (read from its definition, so the orchestrator state stays minimal).</summary>
[DurableTask(nameof(GetIslandCount))]
public sealed class GetIslandCount(SearchContextCache contexts) : TaskActivity<string, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, string searchId) => (await contexts.GetAsync(searchId)).Definition.Evolution.Islands;
}
