namespace NasServerless.Search.Evolution;

/// <summary>An evaluated member of a population.</summary>
public sealed record Individual<TGenome>(string Id, TGenome Genome, Evaluation.Evaluation Evaluation);
