using NasServerless.Search.Spaces.LayerList;

namespace NasServerless.Trainer.Tests.Support;

/// <summary>The example genomes shipped in <c>trainer-container/examples/</c>, found above the test binaries.</summary>
public static class ExampleGenomes
{
    private static readonly Lazy<string> LazyFolder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "trainer-container", "examples");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"trainer-container/examples was not found above {AppContext.BaseDirectory}.");
    });

    public static string Folder => LazyFolder.Value;

    public static string PathOf(string name) => Path.Combine(Folder, name + ".genome.json");

    public static LayerListGenome Load(string name) => LayerListGenomeJson.Parse(File.ReadAllText(PathOf(name)));
}
