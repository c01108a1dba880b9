namespace NasServerless.Search.Evaluation;

/// <summary>
/// Budget accounting for one search: an evaluation is one distinct architecture (by content id);
/// revisiting a known genome reuses its result and costs nothing, so no architecture is ever
/// evaluated twice in a search.
/// </summary>
public sealed class EvaluationLedger<TGenome>(IEvaluator<TGenome> evaluator, int? budget)
{
    private readonly Dictionary<string, Evaluation> _known = new(StringComparer.Ordinal);
    private readonly List<(string Id, TGenome Genome, Evaluation Evaluation)> _history = [];

    public int? Budget { get; } = budget is null or > 0 ? budget : throw new ArgumentOutOfRangeException(nameof(budget), budget, "must be positive");
    public int Spent => _history.Count;
    public int Reused { get; private set; }
    public bool Exhausted => Budget is { } b && Spent >= b;

    /// <summary>Every distinct evaluation in the order it was made.</summary>
    public IReadOnlyList<(string Id, TGenome Genome, Evaluation Evaluation)> History => _history;

    public bool IsKnown(string id) => _known.ContainsKey(id);

    /// <summary>The evaluation of <paramref name="genome"/>: from the ledger if known, else fresh while the budget lasts, else null.</summary>
    public Evaluation? TryEvaluate(string id, TGenome genome)
    {
        if (_known.TryGetValue(id, out var cached))
        {
            Reused++;
            return cached;
        }
        if (Exhausted) return null;
        var evaluation = evaluator.Evaluate(genome);
        _known.Add(id, evaluation);
        _history.Add((id, genome, evaluation));
        return evaluation;
    }
}
