using Microsoft.Extensions.Options;

namespace NasServerless.Host;

/// <summary>
/// Validates the options before the host starts, so that a configuration error is one plain line on stderr and exit
/// code 1. Left to <c>app.Run()</c>, the same error is logged as "Hosting failed to start" and thrown again, both
/// with a stack trace.
/// </summary>
public static class StartupValidation
{
    public static bool TryValidate(IServiceProvider services, TextWriter error)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return true;
        }
        catch (OptionsValidationException e)
        {
            return Report(error, e.Failures);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            // More than one options class failed: StartupValidator throws them together.
            return Report(error, e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures));
        }
    }

    private static bool Report(TextWriter error, IEnumerable<string> failures)
    {
        error.WriteLine($"nas-host: invalid configuration: {string.Join("; ", failures)}");
        return false;
    }
}
