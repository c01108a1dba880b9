namespace NasServerless.Orchestration.Definitions;

/// <summary>One problem with a request: <see cref="Field"/> is a JSON path such as "evolution.populationSize".</summary>
public sealed record ValidationError(string Field, string Message);
