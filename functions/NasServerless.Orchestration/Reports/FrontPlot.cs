using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using NasServerless.Orchestration.State;
using NasServerless.Search.Evaluation;

namespace NasServerless.Orchestration.Reports;

/// <summary>
/// <c>searches/{id}/front.svg</c>: validation accuracy (%) against model size (the search's size objective,
/// parameters or FLOPs, log scale). Every evaluated architecture is a small grey point (failed ones are left out);
/// the Pareto front members are larger coloured points joined by the front's staircase. Built with
/// System.Xml.Linq, so every text is escaped; numbers use the invariant culture, so equal input gives equal output.
/// </summary>
public static class FrontPlot
{
    public const string ContentType = "image/svg+xml";

    /// <summary>The class of the group holding one circle per front member (and of nothing else).</summary>
    public const string FrontClass = "front";

    /// <summary>The class of the group holding one circle per evaluated architecture.</summary>
    public const string EvaluatedClass = "evaluated";

    private const double Width = 800, Height = 500, Left = 72, Right = 24, Top = 76, Bottom = 56;
    private const double PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;
    private const string FrontColour = "#d62728", PointColour = "#8c8c8c", GridColour = "#e6e6e6";
    private const int MaxNameLength = 56;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(string searchId, string? name, SizeObjective size, FrontDocument front, IReadOnlyList<EvaluatedPoint> evaluated)
    {
        long SizeOf(long parameters, long flops) => Math.Max(1, size == SizeObjective.Flops ? flops : parameters);
        var members = front.Members
            .Select(m => (m.CandidateId, Size: SizeOf(m.Parameters, m.Flops), Accuracy: m.ValidationAccuracy * 100))
            .OrderBy(m => m.Size).ThenBy(m => m.Accuracy).ThenBy(m => m.CandidateId, StringComparer.Ordinal)
            .ToList();
        var points = evaluated.Select(p => (Size: SizeOf(p.Parameters, p.Flops), Accuracy: p.ValidationAccuracy * 100)).ToList();
        var sizeName = size == SizeObjective.Flops ? "FLOPs" : "parameters";

        var title = string.IsNullOrWhiteSpace(name) ? $"Pareto front of search {searchId}" : $"Pareto front of {Shorten(name)}";
        var counts = string.Create(Invariant,
            $"generation {front.Generation}: {front.Evaluations:N0} evaluated, {front.Failed:N0} failed (not shown), {members.Count:N0} on the front");
        if (!string.IsNullOrWhiteSpace(name)) counts = $"search {searchId}, {counts}";
        var svg = new XElement(Svg + "svg",
            new XAttribute("width", F(Width)), new XAttribute("height", F(Height)), new XAttribute("viewBox", $"0 0 {F(Width)} {F(Height)}"),
            new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", "12"),
            new XElement(Svg + "title", Clean($"{title}; {counts}")),
            new XElement(Svg + "rect", new XAttribute("width", F(Width)), new XAttribute("height", F(Height)), new XAttribute("fill", "white")),
            Text(Left, 22, title, ("font-size", "15"), ("font-weight", "bold")),
            Text(Left, 41, counts));

        if (members.Count == 0 && points.Count == 0)
        {
            var nothing = front.Failed > 0
                ? string.Create(Invariant, $"Nothing to plot yet: all {front.Failed:N0} evaluated architectures failed.")
                : "Nothing to plot yet: no architecture has been evaluated.";
            svg.Add(Text(Width / 2, Top + PlotHeight / 2, nothing, ("text-anchor", "middle"), ("font-size", "16"), ("fill", "#555")));
            return Write(svg);
        }

        var all = points.Concat(members.Select(m => (m.Size, m.Accuracy))).ToList();
        var x = LogAxis.Of(all.Min(p => p.Size), all.Max(p => p.Size));
        var y = LinearAxis.Of(all.Min(p => p.Accuracy), all.Max(p => p.Accuracy));
        double X(double v) => Left + x.Fraction(v) * PlotWidth;
        double Y(double v) => Top + PlotHeight - y.Fraction(v) * PlotHeight;

        svg.Add(Legend(points.Count, members.Count));
        var axes = new XElement(Svg + "g", new XAttribute("class", "axes"), new XAttribute("stroke", "#333"));
        foreach (var (value, label) in x.Ticks)
        {
            if (label is not null) axes.Add(Line(X(value), Top, X(value), Top + PlotHeight, GridColour));
            axes.Add(Line(X(value), Top + PlotHeight, X(value), Top + PlotHeight + (label is null ? 3 : 6), null));
            if (label is not null) axes.Add(Text(X(value), Top + PlotHeight + 20, label, ("text-anchor", "middle"), ("stroke", "none")));
        }
        foreach (var (value, label) in y.Ticks)
        {
            axes.Add(Line(Left, Y(value), Left + PlotWidth, Y(value), GridColour));
            axes.Add(Line(Left - 6, Y(value), Left, Y(value), null));
            axes.Add(Text(Left - 9, Y(value) + 4, label, ("text-anchor", "end"), ("stroke", "none")));
        }
        axes.Add(new XElement(Svg + "rect", Attributes(("x", F(Left)), ("y", F(Top)), ("width", F(PlotWidth)), ("height", F(PlotHeight)), ("fill", "none"))));
        svg.Add(axes);
        svg.Add(Text(Left + PlotWidth / 2, Height - 12, $"{sizeName} (log scale)", ("text-anchor", "middle")));
        svg.Add(Text(18, Top + PlotHeight / 2, "validation accuracy (%)", ("text-anchor", "middle"), ("transform", $"rotate(-90 18 {F(Top + PlotHeight / 2)})")));

        svg.Add(new XElement(Svg + "g", Attributes(("class", EvaluatedClass), ("fill", PointColour), ("fill-opacity", "0.55")),
            points.Select(p => new XElement(Svg + "circle", Attributes(("cx", F(X(p.Size))), ("cy", F(Y(p.Accuracy))), ("r", "2.5"))))));
        if (members.Count > 0)
        {
            // The attainment staircase: from each member right to the next one's size, then up to its accuracy.
            var path = new StringBuilder().Append(Invariant, $"M{F(X(members[0].Size))} {F(Y(members[0].Accuracy))}");
            foreach (var m in members.Skip(1)) path.Append(Invariant, $" H{F(X(m.Size))} V{F(Y(m.Accuracy))}");
            path.Append(Invariant, $" H{F(Left + PlotWidth)}");
            svg.Add(new XElement(Svg + "path", Attributes(("class", "front-line"), ("d", path.ToString()), ("fill", "none"), ("stroke", FrontColour), ("stroke-width", "1.5"))));
        }
        svg.Add(new XElement(Svg + "g", Attributes(("class", FrontClass), ("fill", FrontColour), ("stroke", "white"), ("stroke-width", "1")),
            members.Select(m => new XElement(Svg + "circle", Attributes(("cx", F(X(m.Size))), ("cy", F(Y(m.Accuracy))), ("r", "5")),
                new XElement(Svg + "title", Clean(string.Create(Invariant, $"{m.CandidateId}: {m.Accuracy:0.##} % validation accuracy, {m.Size:N0} {sizeName}")))))));
        return Write(svg);
    }

    private static XElement Legend(int points, int members) =>
        new(Svg + "g", new XAttribute("class", "legend"),
            new XElement(Svg + "circle", Attributes(("cx", F(Left + 4)), ("cy", "56"), ("r", "2.5"), ("fill", PointColour))),
            Text(Left + 12, 60, string.Create(Invariant, $"evaluated architectures ({points:N0})")),
            new XElement(Svg + "circle", Attributes(("cx", F(Left + 200)), ("cy", "56"), ("r", "5"), ("fill", FrontColour))),
            Text(Left + 210, 60, string.Create(Invariant, $"Pareto front ({members:N0})")));

    private static XElement Text(double x, double y, string text, params (string Name, string Value)[] attributes) =>
        new(Svg + "text", Attributes([("x", F(x)), ("y", F(y)), .. attributes]), Clean(text));

    /// <summary>A line; without <paramref name="stroke"/> it takes its group's.</summary>
    private static XElement Line(double x1, double y1, double x2, double y2, string? stroke)
    {
        var line = new XElement(Svg + "line", Attributes(("x1", F(x1)), ("y1", F(y1)), ("x2", F(x2)), ("y2", F(y2))));
        if (stroke is not null) line.SetAttributeValue("stroke", stroke);
        return line;
    }

    private static IEnumerable<XAttribute> Attributes(params (string Name, string Value)[] attributes) =>
        attributes.Select(a => new XAttribute(a.Name, a.Value));

    private static string F(double value) => Math.Round(value, 2).ToString("0.##", Invariant);

    private static string Shorten(string text) => text.Length <= MaxNameLength ? text : text[..(MaxNameLength - 1)] + "…";

    /// <summary>Text as XML can carry it: characters XML 1.0 forbids (control characters, lone surrogates) become U+FFFD.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) clean.Append(text[i]).Append(text[++i]);
            else clean.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
        }
        return clean.ToString();
    }

    private static string Write(XElement svg)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n", NewLineHandling = NewLineHandling.Replace };
        using (var writer = XmlWriter.Create(buffer, settings)) new XDocument(new XDeclaration("1.0", "utf-8", null), svg).Save(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A log10 axis over the sizes with a 5 % margin each side (at least 0.3 decades in all), ticked at 1-9 × 10^k.</summary>
    private sealed record LogAxis(double LogMin, double LogMax, IReadOnlyList<(double Value, string? Label)> Ticks)
    {
        private static readonly int[] OneTwoFive = [1, 2, 5];

        public static LogAxis Of(long smallest, long largest)
        {
            double low = Math.Log10(smallest), high = Math.Log10(largest);
            var centre = (low + high) / 2;
            var half = Math.Max(high - low, 0.3) / 2 * 1.1;
            double logMin = centre - half, logMax = centre + half;
            var values = new List<(double Value, int Digit)>();
            for (var power = Math.Pow(10, Math.Floor(logMin)); Math.Log10(power) <= logMax; power *= 10)
                for (var digit = 1; digit <= 9; digit++)
                    if (Math.Log10(digit * power) is var log && log >= logMin && log <= logMax) values.Add((digit * power, digit));
            // Powers of ten alone on a long axis, 1-2-5 on a shorter one, every tick where that would leave fewer than two labels.
            Func<int, bool> labelled = logMax - logMin > 3 ? d => d == 1 : d => OneTwoFive.Contains(d);
            if (values.Count(v => labelled(v.Digit)) < 2) labelled = _ => true;
            return new LogAxis(logMin, logMax, values.Select(v => (v.Value, labelled(v.Digit) ? Label(v.Value) : null)).ToList());
        }

        public double Fraction(double value) => (Math.Log10(value) - LogMin) / (LogMax - LogMin);

        private static string Label(double value) => value switch
        {
            >= 1e12 => (value / 1e12).ToString("0.##", Invariant) + "T",
            >= 1e9 => (value / 1e9).ToString("0.##", Invariant) + "G",
            >= 1e6 => (value / 1e6).ToString("0.##", Invariant) + "M",
            >= 1e3 => (value / 1e3).ToString("0.##", Invariant) + "k",
            _ => value.ToString("0.##", Invariant),
        };
    }

    /// <summary>A linear accuracy axis in whole ticks of 0.1 to 20 points, within 0–100 %.</summary>
    private sealed record LinearAxis(double Min, double Max, IReadOnlyList<(double Value, string Label)> Ticks)
    {
        private static readonly double[] Steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20];

        public static LinearAxis Of(double lowest, double highest)
        {
            var step = Steps.FirstOrDefault(s => (highest - lowest) / s <= 8, 25);
            var first = (long)Math.Floor(Math.Max(0, lowest) / step + 1e-9);
            var last = (long)Math.Ceiling(Math.Min(100, highest) / step - 1e-9);
            if (last == first)
            {
                if ((last + 1) * step <= 100 + 1e-9) last++;
                else first--;
            }
            var format = step < 1 ? "0.0" : "0";
            var ticks = Enumerable.Range(0, (int)(last - first) + 1)
                .Select(k => (first + k) * step)
                .Select(v => (v, v.ToString(format, Invariant)))
                .ToList();
            return new LinearAxis(first * step, last * step, ticks);
        }

        public double Fraction(double value) => (value - Min) / (Max - Min);
    }
}
