using NasServerless.OrchestrationBenchmark;

// nas-orchestration-bench: the measuring half of benchmarks/orchestration.sh (which starts and stops the processes).
var options = BenchArguments.Parse(args.Skip(1));
return args.FirstOrDefault() switch
{
    "ports" => BenchCommands.Ports(options),
    "inprocess" => await InProcessCommand.RunAsync(options),
    "distributed" => await DistributedCommand.RunAsync(options),
    "report" => ReportCommand.Run(options),
    _ => BenchCommands.Usage(),
};
