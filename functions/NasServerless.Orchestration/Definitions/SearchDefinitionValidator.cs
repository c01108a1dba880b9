using NasServerless.Search.Evolution;
using NasServerless.Search.Spaces.LayerList;

namespace NasServerless.Orchestration.Definitions;

/// <summary>Checks a definition against the GA's own rules and the service limits; every error names its field.</summary>
public static class SearchDefinitionValidator
{
    public static IReadOnlyList<ValidationError> Validate(SearchDefinition definition, SearchLimits limits)
    {
        var errors = new List<ValidationError>();
        void Check(bool ok, string field, string message)
        {
            if (!ok) errors.Add(new ValidationError(field, message));
        }

        Check(definition.Name is null || definition.Name.Length <= 200, "name", "must be at most 200 characters");
        Check(SearchSpaces.All.Contains(definition.SearchSpace), "searchSpace", $"must be one of: {string.Join(", ", SearchSpaces.All)}");
        Check(SearchSpaces.Datasets.Contains(definition.Dataset), "dataset", $"must be one of: {string.Join(", ", SearchSpaces.Datasets)}");
        Check(definition.SearchSpace != SearchSpaces.NasBenchMacro || definition.Dataset == "cifar-10", "dataset", "NAS-Bench-Macro is measured on cifar-10 only");

        if (definition.Evolution is null) errors.Add(new ValidationError("evolution", "is required"));
        else
        {
            var e = definition.Evolution;
            errors.AddRange(e.Validate().Select(message => ToFieldError("evolution", message)));
            Check(e.PopulationSize <= limits.MaxPopulationSize, "evolution.populationSize", $"must be at most {limits.MaxPopulationSize}");
            Check((e.OffspringPerGeneration ?? 0) <= limits.MaxPopulationSize, "evolution.offspringPerGeneration", $"must be at most {limits.MaxPopulationSize}");
            Check(e.Islands <= limits.MaxIslands, "evolution.islands", $"must be at most {limits.MaxIslands}");
            Check(e.Generations <= limits.MaxGenerations, "evolution.generations", $"must be at most {limits.MaxGenerations}");
            Check(e.EvaluationBudget is null || e.EvaluationBudget <= limits.MaxEvaluationBudget, "evolution.evaluationBudget", $"must be at most {limits.MaxEvaluationBudget}");
        }

        if (definition.LayerList is null) errors.Add(new ValidationError("layerList", "is required"));
        else
        {
            var spaceErrors = definition.LayerList.Validate();
            errors.AddRange(spaceErrors.Select(message => ToFieldError("layerList", message)));
            if (spaceErrors.Count == 0 && definition.SearchSpace == SearchSpaces.LayerList && SearchSpaces.Datasets.Contains(definition.Dataset))
                CheckMinimalNetwork(definition, errors);
        }

        if (definition.Training is null) errors.Add(new ValidationError("training", "is required"));
        else
        {
            errors.AddRange(definition.Training.Validate().Select(message => ToFieldError("training", message)));
            Check(definition.Training.Epochs <= limits.MaxEpochs, "training.epochs", $"must be at most {limits.MaxEpochs}");
        }

        if (definition.Dispatch is null) errors.Add(new ValidationError("dispatch", "is required"));
        else
        {
            Check(definition.Dispatch.TimeoutSeconds is >= 1 and <= 86_400, "dispatch.timeoutSeconds", "must be 1 to 86,400");
            Check(definition.Dispatch.MaxAttempts is >= 1 and <= 10, "dispatch.maxAttempts", "must be 1 to 10");
        }
        return errors;
    }

    /// <summary>Every initial individual starts from the minimal network, so it must fit the space's limits.</summary>
    private static void CheckMinimalNetwork(SearchDefinition definition, List<ValidationError> errors)
    {
        var input = Engine.SearchEngineFactory.InputShape(definition.Dataset);
        try
        {
            new LayerListSpace(definition.LayerList, input).Minimal();
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
        {
            errors.Add(new ValidationError("layerList", $"{e.Message} (the search starts from this network; raise maxParameters or allow more layers)"));
        }
    }

    /// <summary>Turns "PopulationSize: must be ..." into ("evolution.populationSize", "must be ...").</summary>
    private static ValidationError ToFieldError(string section, string message)
    {
        var colon = message.IndexOf(':');
        if (colon <= 0) return new ValidationError(section, message);
        var name = message[..colon].Trim();
        return new ValidationError($"{section}.{char.ToLowerInvariant(name[0])}{name[1..]}", message[(colon + 1)..].Trim());
    }
}
