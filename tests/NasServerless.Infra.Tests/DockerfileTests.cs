using System.Text.RegularExpressions;
using System.Xml.Linq;
using NasServerless.Infra.Tests.Support;

namespace NasServerless.Infra.Tests;

/// <summary>
/// The images agree with the manifests (user, port, entrypoint) and the host's Dockerfile copies exactly the
/// projects the host is built from. (No Docker engine here: the images themselves are not built.)
/// </summary>
public partial class DockerfileTests
{
    private static string HostDockerfile => Path.Combine(RepositoryPaths.Root, "functions", "NasServerless.Host", "Dockerfile");

    private static string TrainerDockerfile => Path.Combine(RepositoryPaths.Root, "trainer-container", "Dockerfile");

    [Fact]
    public void HostDockerfile_CopiesExactlyTheHostsProjects()
    {
        var projects = ProjectClosure(Path.Combine(RepositoryPaths.Root, "functions", "NasServerless.Host", "NasServerless.Host.csproj"))
            .Select(p => RepositoryPaths.Relative(p)).ToHashSet();
        var copies = Instructions(HostDockerfile, "COPY").Where(c => !c.StartsWith("--from", StringComparison.Ordinal))
            .Select(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var sources = copies.SelectMany(c => c[..^1]).ToList();

        Assert.Equal(projects.Order(), sources.Where(s => s.EndsWith(".csproj", StringComparison.Ordinal)).Order());
        Assert.Equal(projects.Select(p => Path.GetDirectoryName(p)!.Replace('\\', '/') + "/").Order(), sources.Where(s => s.EndsWith('/')).Order());
        Assert.Contains("Directory.Build.props", sources);
        Assert.Contains("Directory.Build.targets", sources);
        Assert.All(sources, s => Assert.True(Path.Exists(Path.Combine(RepositoryPaths.Root, s)), $"COPY {s}: no such path"));
    }

    [Fact]
    public void HostDockerfile_CopiesNothingItsDockerignoreExcludes()
    {
        var ignored = File.ReadAllLines(HostDockerfile + ".dockerignore")
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var sources = Instructions(HostDockerfile, "COPY").Where(c => !c.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]);

        foreach (var source in sources)
            Assert.DoesNotContain(ignored, pattern => !pattern.StartsWith("**", StringComparison.Ordinal) && source.StartsWith(pattern.TrimEnd('*'), StringComparison.Ordinal));
        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
    }

    [Fact]
    public void HostImage_MatchesTheDeployment()
    {
        var pod = PodTemplates.Of(InfraTree.Base.AccumulatedResources().Single("Deployment", "nas-host")).Single();
        var port = pod.Container("host")!.Arr("ports").Objects().Single(p => p.Str("name") == "http")["containerPort"].Long();
        var assembly = XDocument.Load(Path.Combine(RepositoryPaths.Root, "functions", "NasServerless.Host", "NasServerless.Host.csproj"))
            .Descendants("AssemblyName").Single().Value;

        Assert.Equal(pod.Spec.Obj("securityContext")!["runAsUser"].Long(), User(HostDockerfile));
        Assert.Equal($"[\"/app/{assembly}\"]", Instructions(HostDockerfile, "ENTRYPOINT").Single());
        Assert.Equal(port.ToString(), Instructions(HostDockerfile, "EXPOSE").Single());
        Assert.Contains($"Urls=http://+:{port}", Instructions(HostDockerfile, "ENV").Single());
        Assert.Contains(Instructions(HostDockerfile, "FROM"), f => f.Contains("ASPNET_RUNTIME_IMAGE", StringComparison.Ordinal));
    }

    [Fact]
    public void TrainerImage_MatchesTheScaledJob()
    {
        var pod = PodTemplates.Of(InfraTree.Base.AccumulatedResources().Single("ScaledJob", "nas-trainer")).Single();

        Assert.Equal(pod.Spec.Obj("securityContext")!["runAsUser"].Long(), User(TrainerDockerfile));
        Assert.Equal("[\"/app/nas-trainer\", \"worker\"]", Instructions(TrainerDockerfile, "ENTRYPOINT").Single());
        // Built for CUDA and configured to train there (TrainerOptions.Device), not to fall back to the CPU.
        Assert.Contains(Instructions(TrainerDockerfile, "RUN"), r => r.Contains("dotnet publish", StringComparison.Ordinal) && r.Contains("-p:TorchBackend=cuda", StringComparison.Ordinal));
        Assert.Contains("Trainer__Device=cuda", Instructions(TrainerDockerfile, "ENV").Single(e => e.Contains("Datasets__LocalRoot", StringComparison.Ordinal)));
    }

    /// <summary>The uid of the image's USER instruction, which must be numeric so that runAsNonRoot can check it.</summary>
    private static long User(string dockerfile)
    {
        var user = Instructions(dockerfile, "USER").Last();
        Assert.Matches("^[0-9]+(:[0-9]+)?$", user);
        var uid = long.Parse(user.Split(':')[0]);
        Assert.NotEqual(0, uid);
        return uid;
    }

    /// <summary>The arguments of every instruction of one kind, with continuation lines joined.</summary>
    private static IEnumerable<string> Instructions(string dockerfile, string instruction) =>
        Continuation().Replace(File.ReadAllText(dockerfile), " ")
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith(instruction + " ", StringComparison.Ordinal))
            .Select(l => Spaces().Replace(l[(instruction.Length + 1)..], " ").Trim());

    private static IReadOnlySet<string> ProjectClosure(string project)
    {
        var result = new HashSet<string>();
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var next))
        {
            if (!result.Add(next)) continue;
            foreach (var reference in XDocument.Load(next).Descendants("ProjectReference"))
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(next)!, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
        }
        return result;
    }

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
