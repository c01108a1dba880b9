using System.Text.Json;

namespace NasServerless.Cli;

/// <summary>A front member's genome, picked from the <c>/front</c> answer by its candidate id (or an unambiguous prefix).</summary>
public static class FrontGenome
{
    private const int ListedIds = 5;

    /// <summary>The member's full id and canonical genome JSON, as the search stored it and the trainer reads it.</summary>
    public static (string CandidateId, string Genome) Select(JsonElement front, string candidateId)
    {
        if (string.IsNullOrWhiteSpace(candidateId)) throw new CliException("--genome needs a candidate id");
        var members = front.GetProperty("members").EnumerateArray()
            .Select(m => (Id: m.GetProperty("candidateId").GetString()!, Genome: m.GetProperty("genome").GetString()!))
            .ToList();
        var search = front.GetProperty("id").GetString();
        if (members.Count == 0) throw new CliException($"search {search} has no front members yet");
        var exact = members.Where(m => m.Id == candidateId).ToList();
        var matches = exact.Count > 0 ? exact : members.Where(m => m.Id.StartsWith(candidateId, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new CliException($"candidate '{candidateId}' is not on the front of search {search}; front members: {List(members.Select(m => m.Id))}"),
            _ => throw new CliException($"candidate '{candidateId}' is ambiguous on the front of search {search}: {List(matches.Select(m => m.Id))}"),
        };
    }

    private static string List(IEnumerable<string> ids)
    {
        var all = ids.ToList();
        var shown = string.Join(", ", all.Take(ListedIds));
        return all.Count > ListedIds ? $"{shown}, … ({all.Count} in all; `nas-cli front ID` lists them)" : shown;
    }
}
