namespace NasServerless.Search.Selection;

/// <summary>Argument checks shared by the NSGA-II primitives: one row of objective values per individual.</summary>
internal static class ObjectiveMatrix
{
    /// <summary>Every row has <paramref name="objectiveCount"/> values and none is NaN.</summary>
    public static void Validate(IReadOnlyList<IReadOnlyList<double>> objectives, int objectiveCount, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(objectives, parameterName);
        for (var i = 0; i < objectives.Count; i++)
        {
            var row = objectives[i] ?? throw new ArgumentException($"row {i} is null", parameterName);
            if (row.Count != objectiveCount)
            {
                throw new ArgumentException($"row {i} has {row.Count} objective values, expected {objectiveCount}", parameterName);
            }
            for (var m = 0; m < row.Count; m++)
            {
                if (double.IsNaN(row[m])) throw new ArgumentException($"row {i} has NaN for objective {m}", parameterName);
            }
        }
    }

    /// <summary>Checks the directions and the rows against them.</summary>
    public static void Validate(IReadOnlyList<IReadOnlyList<double>> objectives, IReadOnlyList<ObjectiveDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(directions);
        if (directions.Count == 0) throw new ArgumentException("at least one objective direction is required", nameof(directions));
        for (var m = 0; m < directions.Count; m++)
        {
            if (!Enum.IsDefined(directions[m])) throw new ArgumentException($"direction {m} is not a valid value", nameof(directions));
        }
        Validate(objectives, directions.Count, nameof(objectives));
    }
}
