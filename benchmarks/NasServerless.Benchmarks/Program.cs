using NasServerless.Benchmarks;

return args.FirstOrDefault() switch
{
    "search-quality" => SearchQualityBenchmark.Run(new BenchmarkArguments(args[1..])),
    "config-study" => ConfigStudyBenchmark.Run(new BenchmarkArguments(args[1..])),
    _ => BenchmarkArguments.Usage("usage: NasServerless.Benchmarks search-quality|config-study [options]"),
};
