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
    public static string Front(string searchId) => $"{searchId}/front.json";
    public static string Cancelled(string searchId) => $"{searchId}/cancelled";
}
