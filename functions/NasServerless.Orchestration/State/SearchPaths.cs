namespace NasServerless.Orchestration.State;

/// <summary>Blob names in the <c>searches</c> container: a finished search can be reported from these alone.</summary>
public static class SearchPaths
{
    public static string Definition(string searchId) => $"{searchId}/definition.json";
    public static string Plan(string searchId, int generation) => $"{searchId}/generations/{generation}/plan.json";
    public static string Population(string searchId, int generation, int island) => $"{searchId}/generations/{generation}/island-{island}.json";
    public static string MigratedPopulation(string searchId, int generation, int island) => $"{searchId}/generations/{generation}/island-{island}.migrated.json";
    public static string Evaluated(string searchId, int generation) => $"{searchId}/generations/{generation}/evaluated.json";
    public static string GenerationFront(string searchId, int generation) => $"{searchId}/generations/{generation}/front.json";
    /// <summary>The elite archive of every evaluation through the generation, which the next generation breeds from.</summary>
    public static string Archive(string searchId, int generation) => $"{searchId}/generations/{generation}/archive.json";
    /// <summary>Accuracy and size of every architecture evaluated through the generation, failed ones left out: what <see cref="Reports.FrontPlot"/> draws.</summary>
    public static string Points(string searchId, int generation) => $"{searchId}/generations/{generation}/points.json";
    public static string Front(string searchId) => $"{searchId}/front.json";
    /// <summary>The current front drawn as SVG (<see cref="Reports.FrontPlot"/>), rewritten with <see cref="Front"/>.</summary>
    public static string FrontPlot(string searchId) => $"{searchId}/front.svg";
    public static string Cancelled(string searchId) => $"{searchId}/cancelled";
}
