using NasServerless.Cli.Tests.Support;

namespace NasServerless.Cli.Tests;

public sealed class FrontGenomeTests
{
    private static readonly string Front = Searches.Json(Searches.Front()).GetRawText();

    private static (string CandidateId, string Genome) Select(string candidate, string? front = null) =>
        FrontGenome.Select(System.Text.Json.JsonDocument.Parse(front ?? Front).RootElement, candidate);

    [Fact]
    public void Select_FullId_ReturnsThatMembersGenome()
    {
        Assert.Equal((Searches.Second.CandidateId, Searches.Second.Genome), Select(Searches.Second.CandidateId));
    }

    [Theory]
    [InlineData("9")]
    [InlineData("9b1e7d2c")]
    [InlineData("3f2a")]
    public void Select_UniquePrefix_ReturnsFullIdAndGenome(string prefix)
    {
        var member = new[] { Searches.First, Searches.Third }.Single(m => m.CandidateId.StartsWith(prefix, StringComparison.Ordinal));

        Assert.Equal((member.CandidateId, member.Genome), Select(prefix));
    }

    [Fact]
    public void Select_AmbiguousPrefix_ThrowsListingTheMatches()
    {
        var e = Assert.Throws<CliException>(() => Select("3f2"));

        Assert.Equal($"candidate '3f2' is ambiguous on the front of search {Searches.Id}: {Searches.First.CandidateId}, {Searches.Second.CandidateId}", e.Message);
    }

    [Theory]
    [InlineData("ffff")]
    [InlineData("3F2A9C0D5E7B41A8B6C2D9E0F1A2B3C4")]
    [InlineData("3f2a9c0d5e7b41a8b6c2d9e0f1a2b3c4ff")]
    public void Select_NotOnTheFront_ThrowsListingTheMembers(string candidate)
    {
        var e = Assert.Throws<CliException>(() => Select(candidate));

        Assert.Equal($"candidate '{candidate}' is not on the front of search {Searches.Id}; front members: " +
                     $"{Searches.First.CandidateId}, {Searches.Second.CandidateId}, {Searches.Third.CandidateId}", e.Message);
    }

    [Fact]
    public void Select_NotOnALargeFront_ListsFiveIdsAndTheCount()
    {
        var members = Enumerable.Range(0, 7).Select(i => Searches.Third with { CandidateId = $"{i:x}{new string('0', 31)}" }).ToArray();
        var front = Searches.Json(Searches.Front(Searches.Id, members)).GetRawText();

        var e = Assert.Throws<CliException>(() => Select("ffff", front));

        Assert.Equal($"candidate 'ffff' is not on the front of search {Searches.Id}; front members: " +
                     string.Join(", ", members.Take(5).Select(m => m.CandidateId)) + ", … (7 in all; `nas-cli front ID` lists them)", e.Message);
    }

    [Fact]
    public void Select_EmptyFront_ThrowsNoMembersYet()
    {
        var e = Assert.Throws<CliException>(() => Select("3f2a", Searches.Json(Searches.EmptyFront()).GetRawText()));

        Assert.Equal($"search {Searches.Id} has no front members yet", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Select_BlankId_ThrowsNeedsACandidateId(string candidate)
    {
        var e = Assert.Throws<CliException>(() => Select(candidate));

        Assert.Equal("--genome needs a candidate id", e.Message);
    }

    [Fact]
    public void Select_Genome_IsTheStoredStringNotReserialized()
    {
        var spaced = Searches.First with { Genome = "{ \"layers\" : [ ] ,\n \"note\": \"café ≥ 1\" }" };

        Assert.Equal(spaced.Genome, Select(spaced.CandidateId, Searches.Json(Searches.Front(Searches.Id, spaced)).GetRawText()).Genome);
    }
}
