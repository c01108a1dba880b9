using NasServerless.Cli.Tests.Support;

namespace NasServerless.Cli.Tests;

/// <summary>The API address from NAS_API_URL (a process-wide variable, so these run alone).</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class CliOptionsEnvironmentTests : IDisposable
{
    private const string Variable = "NAS_API_URL";
    private readonly string? _previous = Environment.GetEnvironmentVariable(Variable);

    public void Dispose() => Environment.SetEnvironmentVariable(Variable, _previous);

    [Fact]
    public void Parse_NoApiOption_UsesNasApiUrl()
    {
        Environment.SetEnvironmentVariable(Variable, "http://10.1.2.3:9000/");

        Assert.Equal(new Uri("http://10.1.2.3:9000/"), CliOptions.Parse(["abc123"]).Api);
    }

    [Fact]
    public void Parse_NoApiOptionNorNasApiUrl_UsesLoopback7071()
    {
        Environment.SetEnvironmentVariable(Variable, null);

        Assert.Equal(new Uri("http://127.0.0.1:7071/"), CliOptions.Parse(["abc123"]).Api);
    }

    [Fact]
    public void Parse_ApiOption_WinsOverNasApiUrl()
    {
        Environment.SetEnvironmentVariable(Variable, "http://10.1.2.3:9000/");

        Assert.Equal(new Uri("https://nas.example.org/"), CliOptions.Parse(["abc123", "--api", "https://nas.example.org/"]).Api);
    }

    [Fact]
    public void Parse_NasApiUrlNotAUrl_ThrowsNamingIt()
    {
        Environment.SetEnvironmentVariable(Variable, "nas.example.org");

        var e = Assert.Throws<CliException>(() => CliOptions.Parse(["abc123"]));

        Assert.Equal("--api 'nas.example.org' is not an absolute URL", e.Message);
    }
}
