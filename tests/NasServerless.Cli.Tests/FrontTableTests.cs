using NasServerless.Cli.Tests.Support;

namespace NasServerless.Cli.Tests;

/// <summary>The front as a table on standard output: fixed columns, invariant-culture numbers, "-" for what is missing.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class FrontTableTests
{
    [Fact]
    public void Print_Front_HeaderColumnsAndOneRowPerMember()
    {
        using var console = new ConsoleCapture();

        FrontTable.Print(Searches.Json(Searches.Front(Searches.Id, Searches.First, Searches.Second)));

        Assert.Equal(
        [
            $"Pareto front of search {Searches.Id} after generation 3 (40 architectures evaluated, 1 failed): 2 members",
            "candidate                           val acc test acc      params          FLOPs  weights",
            $"3f2a9c0d5e7b41a8b6c2d9e0f1a2b3c4    93.21 %  91.87 %   1,234,567     98,765,432  searches/{Searches.Id}/weights/3f2a9c0d5e7b41a8b6c2d9e0f1a2b3c4.pt",
            "3f2b11e0c4d5a6b7c8d9e0f1a2b3c4d5    80.00 %        -       5,000        120,000  -",
        ], console.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(console.Error);
    }

    [Fact]
    public void Print_EmptyFront_HeaderAndColumnsOnly()
    {
        using var console = new ConsoleCapture();

        FrontTable.Print(Searches.Json(Searches.EmptyFront()));

        Assert.Equal(
        [
            $"Pareto front of search {Searches.Id} after generation -1 (0 architectures evaluated, 0 failed): 0 members",
            "candidate                           val acc test acc      params          FLOPs  weights",
        ], console.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
