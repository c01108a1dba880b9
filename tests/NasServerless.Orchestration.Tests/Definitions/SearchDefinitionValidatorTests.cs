using NasServerless.Contracts;
using NasServerless.Orchestration.Definitions;
using NasServerless.Search.Evolution;

namespace NasServerless.Orchestration.Tests.Definitions;

public sealed class SearchDefinitionValidatorTests
{
    private static readonly SearchLimits Limits = new();

    [Fact]
    public void Validate_DefaultDefinition_HasNoErrors() => Assert.Empty(SearchDefinitionValidator.Validate(new SearchDefinition(), Limits));

    private static readonly Dictionary<string, SearchDefinition> InvalidDefinitions = new()
    {
        ["long name"] = new SearchDefinition { Name = new string('x', 201) },
        ["unknown space"] = new SearchDefinition { SearchSpace = "nas-bench-201" },
        ["unknown dataset"] = new SearchDefinition { Dataset = "imagenet" },
        ["macro on mnist"] = new SearchDefinition { SearchSpace = SearchSpaces.NasBenchMacro, Dataset = "mnist" },
        ["no evolution"] = new SearchDefinition { Evolution = null! },
        ["population over limit"] = new SearchDefinition { Evolution = new EvolutionOptions { PopulationSize = 201 } },
        ["no islands"] = new SearchDefinition { Evolution = new EvolutionOptions { Islands = 0 } },
        ["crossover over 1"] = new SearchDefinition { Evolution = new EvolutionOptions { CrossoverProbability = 1.5 } },
        ["tournament over population"] = new SearchDefinition { Evolution = new EvolutionOptions { TournamentSize = 50 } },
        ["no training"] = new SearchDefinition { Training = null! },
        ["no epochs"] = new SearchDefinition { Training = new TrainingBudget { Epochs = 0 } },
        ["empty batch"] = new SearchDefinition { Training = new TrainingBudget { BatchSize = 0 } },
        ["no dispatch"] = new SearchDefinition { Dispatch = null! },
        ["zero timeout"] = new SearchDefinition { Dispatch = new DispatchOptions { TimeoutSeconds = 0 } },
        ["too many attempts"] = new SearchDefinition { Dispatch = new DispatchOptions { MaxAttempts = 11 } },
    };

    [Theory]
    [InlineData("long name", "name")]
    [InlineData("unknown space", "searchSpace")]
    [InlineData("unknown dataset", "dataset")]
    [InlineData("macro on mnist", "dataset")]
    [InlineData("no evolution", "evolution")]
    [InlineData("population over limit", "evolution.populationSize")]
    [InlineData("no islands", "evolution.islands")]
    [InlineData("crossover over 1", "evolution.crossoverProbability")]
    [InlineData("tournament over population", "evolution.tournamentSize")]
    [InlineData("no training", "training")]
    [InlineData("no epochs", "training.epochs")]
    [InlineData("empty batch", "training.batchSize")]
    [InlineData("no dispatch", "dispatch")]
    [InlineData("zero timeout", "dispatch.timeoutSeconds")]
    [InlineData("too many attempts", "dispatch.maxAttempts")]
    public void Validate_InvalidField_NamesItAsAJsonPath(string invalid, string field)
    {
        var errors = SearchDefinitionValidator.Validate(InvalidDefinitions[invalid], Limits);

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(field, e.Field));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Validate_OverServiceLimits_NamesEachLimitedField()
    {
        var limits = new SearchLimits { MaxPopulationSize = 10, MaxIslands = 2, MaxGenerations = 5, MaxEvaluationBudget = 100, MaxEpochs = 3 };
        var definition = new SearchDefinition
        {
            Evolution = new EvolutionOptions { PopulationSize = 11, OffspringPerGeneration = 11, Islands = 3, Generations = 6, EvaluationBudget = 101 },
            Training = new TrainingBudget { Epochs = 4 },
        };

        var fields = SearchDefinitionValidator.Validate(definition, limits).Select(e => e.Field).Order();

        Assert.Equal(
            ["evolution.evaluationBudget", "evolution.generations", "evolution.islands", "evolution.offspringPerGeneration", "evolution.populationSize", "training.epochs"],
            fields);
    }

    [Fact]
    public void Validate_SeveralInvalidFields_ReportsEveryOne()
    {
        var definition = new SearchDefinition
        {
            SearchSpace = "unknown",
            Evolution = new EvolutionOptions { PopulationSize = 1, Islands = 0 },
            Dispatch = new DispatchOptions { TimeoutSeconds = 0, MaxAttempts = 0 },
        };

        var fields = SearchDefinitionValidator.Validate(definition, Limits).Select(e => e.Field).ToHashSet();

        Assert.Superset(new HashSet<string> { "searchSpace", "evolution.populationSize", "evolution.islands", "dispatch.timeoutSeconds", "dispatch.maxAttempts" }, fields);
    }
}
