using NasServerless.Orchestration.Definitions;
using NasServerless.Search.Evolution;
using NasServerless.Search.Spaces.LayerList;
using NasServerless.Search.Spaces.NasBenchMacro;

namespace NasServerless.Orchestration.Engine;

public static class SearchEngineFactory
{
    public static ISearchEngine Create(SearchDefinition definition)
    {
        switch (definition.SearchSpace)
        {
            case SearchSpaces.NasBenchMacro:
                return new SearchEngine<MacroArchitecture>(new IslandEvolution<MacroArchitecture>(new NasBenchMacroSpace(), definition.Evolution));
            case SearchSpaces.LayerList:
                var space = new LayerListSpace(definition.LayerList, InputShape(definition.Dataset));
                return new SearchEngine<LayerListGenome>(new IslandEvolution<LayerListGenome>(space, definition.Evolution), g =>
                {
                    var analysis = space.Analyze(g);
                    return (analysis.Parameters, analysis.Flops);
                });
            default:
                throw new ArgumentException($"unknown search space '{definition.SearchSpace}'");
        }
    }

    public static TensorShape InputShape(string dataset) => dataset == "cifar-10" ? TensorShape.Cifar10 : TensorShape.Mnist;
}
