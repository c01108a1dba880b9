using System.Text.Json;
using NasServerless.Orchestration.Api;
using NasServerless.Orchestration.Definitions;
using NasServerless.Search.Evolution;
using NasServerless.Search.Spaces.NasBenchMacro;

namespace NasServerless.Integration.Tests.Support;

/// <summary>What the search core computes in this process for the definition the tests submit over HTTP.</summary>
public static class Reference
{
    public static SearchRun<MacroArchitecture> Run(string definitionJson, NasBenchMacroTable table)
    {
        var definition = JsonSerializer.Deserialize<SearchDefinition>(definitionJson, SearchApiJson.Options)!;
        return new InProcessSearch<MacroArchitecture>(new IslandEvolution<MacroArchitecture>(new NasBenchMacroSpace(), definition.Evolution))
            .Run(new NasBenchMacroEvaluator(table));
    }

    /// <summary>Id and metrics of each front member, in order: what "identical fronts" compares.</summary>
    public static IReadOnlyList<string> Describe(SearchRun<MacroArchitecture> run) =>
        run.Front.Select(i => Describe(i.Id, i.Evaluation.Accuracy, i.Evaluation.Parameters, i.Evaluation.Flops)).ToList();

    public static IReadOnlyList<string> Describe(SearchFront front) =>
        front.Members.Select(m => Describe(m.CandidateId, m.ValidationAccuracy, m.Parameters, m.Flops)).ToList();

    private static string Describe(string id, double accuracy, long parameters, long flops) =>
        FormattableString.Invariant($"{id} accuracy {accuracy:R} parameters {parameters} flops {flops}");
}
