using NasServerless.Trainer.App;

return await (args.FirstOrDefault() switch
{
    "train" => TrainCommand.RunAsync(args[1..]),
    "worker" => WorkerCommand.RunAsync(args[1..]),
    "throughput" => ThroughputCommand.RunAsync(args[1..]),
    _ => Task.FromResult(CommandLine.Usage("usage: nas-trainer train --genome FILE --dataset mnist|fashion-mnist|cifar-10 [...] | worker [--connection ...] | throughput [--json FILE]  (each with --help)")),
});
