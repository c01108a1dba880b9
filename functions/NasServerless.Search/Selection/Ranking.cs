namespace NasServerless.Search.Selection;

/// <summary>
/// NSGA-II's ordering of a population, per individual index: <paramref name="Rank"/> is the front
/// (0 = non-dominated) and <paramref name="Crowding"/> the crowding distance within that front.
/// </summary>
public sealed record Ranking(int[] Rank, double[] Crowding)
{
    /// <summary>Number of individuals ranked.</summary>
    public int Count => Rank.Length;

    /// <summary>The crowded-comparison operator (Deb et al. 2002): lower rank, then larger crowding.</summary>
    public bool IsBetter(int a, int b) =>
        Rank[a] != Rank[b] ? Rank[a] < Rank[b] : Crowding[a] > Crowding[b];
}
