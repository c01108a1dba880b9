using System.Globalization;
using System.Xml.Linq;
using NasServerless.Orchestration.Reports;
using NasServerless.Orchestration.State;
using NasServerless.Search.Evaluation;

namespace NasServerless.Orchestration.Tests.Reports;

/// <summary>The SVG front plot: well-formed, one marker per front member, log-scale sizes, escaped text, deterministic.</summary>
public sealed class FrontPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly FrontMember[] Members =
    [
        Member("c-small", 0.80, parameters: 1_000, flops: 900_000),
        Member("c-medium", 0.90, parameters: 10_000, flops: 50_000),
        Member("c-large", 0.95, parameters: 100_000, flops: 4_000_000),
    ];

    private static readonly EvaluatedPoint[] Evaluated =
    [
        .. Members.Select(m => new EvaluatedPoint(m.CandidateId, m.ValidationAccuracy, m.Parameters, m.Flops)),
        new("d-1", 0.70, 5_000, 60_000),
        new("d-2", 0.85, 50_000, 700_000),
        new("d-3", 0.12, 200_000, 9_000_000),
    ];

    [Fact]
    public void Render_FrontAndEvaluated_IsSvgWithOneFrontMarkerPerMemberAndOnePointPerEvaluation()
    {
        var svg = Parse(FrontPlot.Render("search-1", "my search", SizeObjective.Parameters, new FrontDocument(4, 7, 1, Members), Evaluated));

        Assert.Equal(Svg + "svg", svg.Root!.Name);
        Assert.Equal(Members.Length, Circles(svg, FrontPlot.FrontClass).Count);
        Assert.Equal(Evaluated.Length, Circles(svg, FrontPlot.EvaluatedClass).Count);
        Assert.Equal(Members.Select(m => m.CandidateId), Circles(svg, FrontPlot.FrontClass).Select(c => c.Element(Svg + "title")!.Value.Split(':')[0]));
        Assert.Contains("search search-1, generation 4: 7 evaluated, 1 failed (not shown), 3 on the front", Texts(svg));
        Assert.Contains("parameters (log scale)", Texts(svg));
        Assert.Single(svg.Descendants(Svg + "path"), p => (string?)p.Attribute("class") == "front-line");
    }

    [Fact]
    public void Render_ParametersTenfoldApart_FrontMarkersEquallySpacedInParameterOrder()
    {
        var svg = Parse(FrontPlot.Render("s", null, SizeObjective.Parameters, new FrontDocument(0, 3, 0, Members.Reverse().ToList()), Evaluated));

        var x = Circles(svg, FrontPlot.FrontClass).Select(c => Number(c, "cx")).ToList();
        var y = Circles(svg, FrontPlot.FrontClass).Select(c => Number(c, "cy")).ToList();
        Assert.True(x[0] < x[1] && x[1] < x[2], $"markers are not in parameter order: {string.Join(", ", x)}");
        // 1k, 10k, 100k: equal steps on a log axis (a linear one would put the first two nine times closer together).
        Assert.Equal(x[1] - x[0], x[2] - x[1], 0.05);
        Assert.True(y[0] > y[1] && y[1] > y[2], $"higher accuracy is not drawn higher: {string.Join(", ", y)}");
        Assert.All(Circles(svg, FrontPlot.EvaluatedClass).Select(c => Number(c, "cx")), cx => Assert.InRange(cx, 72, 800 - 24));
    }

    [Fact]
    public void Render_FlopsObjective_PlacesMarkersByFlops()
    {
        var front = new FrontDocument(0, 3, 0, [Member("a", 0.8, parameters: 10, flops: 1_000_000), Member("b", 0.9, parameters: 20, flops: 10_000)]);

        var svg = Parse(FrontPlot.Render("s", null, SizeObjective.Flops, front, []));

        var x = Circles(svg, FrontPlot.FrontClass).ToDictionary(c => c.Element(Svg + "title")!.Value.Split(':')[0], c => Number(c, "cx"));
        Assert.True(x["b"] < x["a"], "the member with fewer FLOPs is not left of the other");
        Assert.Contains("FLOPs (log scale)", Texts(svg));
    }

    [Theory]
    [InlineData("<&>\"'", "a</text><script>alert(1)</script>")]
    [InlineData("id]]>&amp;", "control {0} and lone {1} characters")]
    public void Render_MarkupInIdNameAndCandidate_IsEscapedText(string searchId, string name)
    {
        // Characters XML cannot carry at all; built here because attribute arguments cannot hold a lone surrogate.
        name = string.Format(CultureInfo.InvariantCulture, name, '\u0001', '\ud800');
        var front = new FrontDocument(0, 1, 0, [Member($"<cand&{searchId}>", 0.5, 100, 100)]);

        var svg = Parse(FrontPlot.Render(searchId, name, SizeObjective.Parameters, front, []));

        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script");
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value.StartsWith($"search {searchId},", StringComparison.Ordinal));
        Assert.StartsWith($"<cand&{searchId}>:", Assert.Single(Circles(svg, FrontPlot.FrontClass)).Element(Svg + "title")!.Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Render_EmptyFront_IsValidSvgSayingThereIsNothingYet(int failed)
    {
        var svg = Parse(FrontPlot.Render("s", null, SizeObjective.Parameters, new FrontDocument(0, failed, failed, []), []));

        Assert.Contains(Texts(svg), t => t.StartsWith("Nothing to plot yet", StringComparison.Ordinal));
        Assert.Empty(Circles(svg, FrontPlot.FrontClass));
        Assert.Empty(Circles(svg, FrontPlot.EvaluatedClass));
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(123_456, 0.0)]
    [InlineData(long.MaxValue / 2, 0.999)]
    public void Render_SingleMember_HasFiniteCoordinatesInsideThePlot(long parameters, double accuracy)
    {
        var text = FrontPlot.Render("s", null, SizeObjective.Parameters, new FrontDocument(0, 1, 0, [Member("only", accuracy, parameters, 1)]), []);

        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", text, StringComparison.Ordinal);
        var marker = Assert.Single(Circles(Parse(text), FrontPlot.FrontClass));
        Assert.InRange(Number(marker, "cx"), 72, 800 - 24);
        Assert.InRange(Number(marker, "cy"), 76, 500 - 56);
    }

    [Fact]
    public void Render_MembersInAnyOrder_GiveTheSameText()
    {
        var first = FrontPlot.Render("s", "n", SizeObjective.Parameters, new FrontDocument(2, 6, 0, Members), Evaluated);
        var second = FrontPlot.Render("s", "n", SizeObjective.Parameters, new FrontDocument(2, 6, 0, [Members[2], Members[0], Members[1]]), Evaluated);

        Assert.Equal(first, second);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<svg", first, StringComparison.Ordinal);
    }

    private static FrontMember Member(string id, double accuracy, long parameters, long flops) =>
        new(id, """{"architecture":"00000000"}""", accuracy, accuracy, parameters, flops, null);

    private static XDocument Parse(string svg) => XDocument.Parse(svg);

    private static List<XElement> Circles(XDocument svg, string groupClass) =>
        svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == groupClass).SelectMany(g => g.Elements(Svg + "circle")).ToList();

    private static List<string> Texts(XDocument svg) => svg.Descendants(Svg + "text").Select(t => t.Value).ToList();

    private static double Number(XElement element, string attribute) => double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
