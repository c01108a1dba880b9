namespace NasServerless.Search.Spaces;

/// <summary>Levenshtein distance between two gene lists (unit cost insert, delete, substitute).</summary>
public static class EditDistance
{
    public static int Between<T>(IReadOnlyList<T> first, IReadOnlyList<T> second)
    {
        var comparer = EqualityComparer<T>.Default;
        var previous = new int[second.Count + 1];
        var current = new int[second.Count + 1];
        for (var j = 0; j <= second.Count; j++) previous[j] = j;
        for (var i = 1; i <= first.Count; i++)
        {
            current[0] = i;
            for (var j = 1; j <= second.Count; j++)
            {
                var substitution = previous[j - 1] + (comparer.Equals(first[i - 1], second[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[second.Count];
    }
}
