using System.Diagnostics;
using System.Reflection;
using NasServerless.Testing;

namespace NasServerless.Integration.Tests.Support;

/// <summary>
/// The host, trainer worker and command-line client as the tests run them: built once per test run with `dotnet build` (the tests' own
/// configuration, so the compiled projects are reused) into artifacts/test-apps/, not into the projects' bin folders.
/// </summary>
public sealed class BuiltApps
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(6);

    private BuiltApps(string hostDll, string trainerDll, string cliDll)
    {
        HostDll = hostDll;
        TrainerDll = trainerDll;
        CliDll = cliDll;
    }

    public string HostDll { get; }

    public string TrainerDll { get; }

    /// <summary>nas-cli, what <c>scripts/nas submit|status|watch|front|run</c> runs.</summary>
    public string CliDll { get; }

    public static string Configuration =>
        typeof(BuiltApps).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BuildConfiguration")?.Value ?? "Debug";

    public static async Task<BuiltApps> BuildAsync(TestLog log)
    {
        var output = Path.Combine(RepositoryPaths.Root, "artifacts", "test-apps", Configuration);
        var host = await BuildAsync(Path.Combine("functions", "NasServerless.Host", "NasServerless.Host.csproj"), Path.Combine(output, "nas-host"), log);
        var trainer = await BuildAsync(Path.Combine("trainer-container", "NasServerless.Trainer.App", "NasServerless.Trainer.App.csproj"), Path.Combine(output, "nas-trainer"), log);
        var cli = await BuildAsync(Path.Combine("functions", "NasServerless.Cli", "NasServerless.Cli.csproj"), Path.Combine(output, "nas-cli"), log);
        return new BuiltApps(Path.Combine(host, "nas-host.dll"), Path.Combine(trainer, "nas-trainer.dll"), Path.Combine(cli, "nas-cli.dll"));
    }

    /// <summary>The test runner's MSBuild variables (set by `dotnet test`) would steer the nested build; drop them.</summary>
    private static Dictionary<string, string?> BuildEnvironment() =>
        Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("_MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBuild", StringComparison.Ordinal))
            .ToDictionary(k => k, _ => (string?)null);

    private static async Task<string> BuildAsync(string project, string output, TestLog log)
    {
        var clock = Stopwatch.StartNew();
        var build = ChildProcess.Start($"build {Path.GetFileNameWithoutExtension(project)}", ChildProcess.DotnetHost,
            ["build", project, "-c", Configuration, "-o", output, "-nologo", "-v", "q", "-clp:NoSummary"],
            log, BuildEnvironment(), RepositoryPaths.Root);
        await using (build)
        {
            var code = await build.WaitForExitAsync(BuildTimeout);
            if (code != 0) throw new InvalidOperationException($"`dotnet build {project}` failed with exit code {code}:\n{build.Tail(80)}");
        }
        log.Write($"{DateTime.Now:HH:mm:ss.fff} [test] built {project} into {output} in {clock.Elapsed.TotalSeconds:F1} s");
        return output;
    }
}
