using NasServerless.Contracts;
using NasServerless.Search.Evolution;
using NasServerless.Search.Spaces.LayerList;

namespace NasServerless.Orchestration.Definitions;

/// <summary>
/// What a user submits: the search space, the data, every GA setting, the training budget per
/// candidate and how candidates are dispatched. Stored as <c>searches/{id}/definition.json</c>.
/// </summary>
public sealed record SearchDefinition
{
    public string? Name { get; init; }
    /// <summary>"layer-list" (train CNNs) or "nas-bench-macro" (table lookup).</summary>
    public string SearchSpace { get; init; } = SearchSpaces.NasBenchMacro;
    /// <summary>"mnist", "fashion-mnist" or "cifar-10"; NAS-Bench-Macro is always CIFAR-10.</summary>
    public string Dataset { get; init; } = "cifar-10";
    public EvolutionOptions Evolution { get; init; } = new();
    /// <summary>Genes and limits of the layer-list space (parameter budget, layer count, value choices); ignored by lookup spaces.</summary>
    public LayerListSpaceOptions LayerList { get; init; } = new();
    public TrainingBudget Training { get; init; } = new();
    public DispatchOptions Dispatch { get; init; } = new();
}
