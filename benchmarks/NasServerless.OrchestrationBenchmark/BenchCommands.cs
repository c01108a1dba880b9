using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NasServerless.OrchestrationBenchmark;

public static class BenchCommands
{
    public static int Usage()
    {
        Console.Error.WriteLine("""
            usage: nas-orchestration-bench ports --count N
                   nas-orchestration-bench inprocess --table PATH --candidates N --seed S --out FILE
                   nas-orchestration-bench distributed --url URL --connection STRING --hub NAME --workers N --worker-log FILE... --candidates N --seed S [--dispatch-timeout SECONDS] --reference FILE --out FILE [--timeout SECONDS]
                   nas-orchestration-bench report --inprocess FILE --run FILE... [--json FILE]
            Driven by benchmarks/orchestration.sh, which starts Azurite, the host and the workers.
            """);
        return 2;
    }

    /// <summary>Prints free loopback ports, one per line (held together while choosing, so they differ).</summary>
    public static int Ports(BenchArguments options)
    {
        var listeners = Enumerable.Range(0, options.Int("count", 1)).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        foreach (var l in listeners) Console.WriteLine(((IPEndPoint)l.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture));
        listeners.ForEach(l => l.Stop());
        return 0;
    }
}
