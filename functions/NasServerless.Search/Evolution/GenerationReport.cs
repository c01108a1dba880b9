namespace NasServerless.Search.Evolution;

/// <summary>Progress after one generation of all islands.</summary>
public sealed record GenerationReport(int Generation, int EvaluationsSpent, int FrontSize, double BestAccuracy);
