namespace NasServerless.Cli.Tests;

public sealed class CliOptionsTests
{
    [Fact]
    public void Parse_EveryOption_SetsItsValue()
    {
        var options = CliOptions.Parse(["--api", "https://nas.example.org:8443/", "abc123", "--definition", "search.json", "--timeout", "90.5",
            "--svg", "front.svg", "--genome", "3f2a", "--out", "genome.json"]);

        Assert.Equal(new CliOptions(new Uri("https://nas.example.org:8443/"), "abc123", "search.json", TimeSpan.FromSeconds(90.5), "front.svg", "3f2a", "genome.json"), options);
    }

    [Fact]
    public void Parse_OnlyAnId_SixHourTimeoutAndNoOtherOption()
    {
        var options = CliOptions.Parse(["abc123"]);

        Assert.Equal("abc123", options.RequireId());
        Assert.Equal(TimeSpan.FromHours(6), options.Timeout);
        Assert.All(new[] { options.Definition, options.Svg, options.Genome, options.Out }, Assert.Null);
    }

    [Fact]
    public void Parse_OptionGivenTwice_LastOneCounts()
    {
        var options = CliOptions.Parse(["--svg", "a.svg", "--svg", "b.svg", "--api", "http://one/", "--api", "http://two/"]);

        Assert.Equal(("b.svg", new Uri("http://two/")), (options.Svg, options.Api));
    }

    [Theory]
    [InlineData("--api")]
    [InlineData("--definition")]
    [InlineData("--svg")]
    [InlineData("--genome")]
    [InlineData("--out")]
    [InlineData("--timeout")]
    public void Parse_OptionWithoutValue_ThrowsNeedsAValue(string option)
    {
        var e = Assert.Throws<CliException>(() => CliOptions.Parse(["abc123", option]));

        Assert.Equal($"{option} needs a value", e.Message);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--API")]
    [InlineData("--")]
    public void Parse_UnknownOption_ThrowsUnexpectedArgument(string option)
    {
        var e = Assert.Throws<CliException>(() => CliOptions.Parse(["abc123", option, "value"]));

        Assert.Equal($"unexpected argument '{option}'", e.Message);
    }

    [Fact]
    public void Parse_SecondId_ThrowsUnexpectedArgument()
    {
        var e = Assert.Throws<CliException>(() => CliOptions.Parse(["abc123", "def456"]));

        Assert.Equal("unexpected argument 'def456'", e.Message);
    }

    [Theory]
    [InlineData("0.25", 0.25)]
    [InlineData("1e3", 1000)]
    [InlineData("31536000", 31_536_000)]
    public void Parse_PositiveTimeout_InSeconds(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), CliOptions.Parse(["--timeout", text]).Timeout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("ten")]
    [InlineData("")]
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    public void Parse_TimeoutNotAPositiveNumber_ThrowsNamingTheValue(string text)
    {
        var e = Assert.Throws<CliException>(() => CliOptions.Parse(["abc123", "--timeout", text]));

        Assert.Equal($"--timeout must be a positive number of seconds, got '{text}'", e.Message);
    }

    [Theory]
    [InlineData("31536000.5")]
    [InlineData("1e300")]
    [InlineData("Infinity")]
    public void Parse_TimeoutOverAYear_ThrowsNamingTheLimit(string text)
    {
        var e = Assert.Throws<CliException>(() => CliOptions.Parse(["abc123", "--timeout", text]));

        Assert.Equal($"--timeout must be at most 31536000 seconds (365 days), got '{text}'", e.Message);
    }

    [Theory]
    [InlineData("127.0.0.1:7071")]
    [InlineData("nas.example.org")]
    [InlineData("")]
    public void Parse_ApiNotAbsolute_Throws(string api)
    {
        var e = Assert.Throws<CliException>(() => CliOptions.Parse(["abc123", "--api", api]));

        Assert.Equal($"--api '{api}' is not an absolute URL", e.Message);
    }

    [Theory]
    [InlineData("localhost:7071")]
    [InlineData("ftp://nas.example.org/")]
    [InlineData("/srv/nas")]
    public void Parse_ApiNotHttp_Throws(string api)
    {
        var e = Assert.Throws<CliException>(() => CliOptions.Parse(["abc123", "--api", api]));

        Assert.Equal($"--api '{api}' is not an http or https URL", e.Message);
    }

    [Fact]
    public void Parse_OutWithoutGenome_Throws()
    {
        var e = Assert.Throws<CliException>(() => CliOptions.Parse(["abc123", "--out", "genome.json"]));

        Assert.Equal("--out FILE goes with --genome CANDIDATE_ID", e.Message);
    }

    [Fact]
    public void RequireId_NoId_Throws()
    {
        var e = Assert.Throws<CliException>(() => CliOptions.Parse(["--svg", "front.svg"]).RequireId());

        Assert.Equal("a search id is required", e.Message);
    }
}
