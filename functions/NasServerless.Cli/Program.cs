using NasServerless.Cli;

try
{
    return await CliCommands.RunAsync(args);
}
catch (CliException e)
{
    Console.Error.WriteLine($"nas: {e.Message}");
    return 2;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"nas: cannot reach the search API: {e.Message}");
    return 1;
}
catch (SearchApiUnavailableException e)
{
    Console.Error.WriteLine($"nas: {e.Message}");
    return 1;
}
