using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using NasServerless.Functions.Durable;
using NasServerless.Orchestration;

namespace NasServerless.Functions.Tests;

public class FunctionsServicesTests
{
    [Fact]
    public void AddSearchFunctions_ValidatedProvider_BuildsWithoutARegisteredOrchestrationClient()
    {
        using var provider = Services().BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.NotNull(provider.GetRequiredService<DurableClientServices>());
    }

    [Fact]
    public void AddSearchFunctions_EveryActivity_ResolvesAsANewInstancePerInvocation()
    {
        using var provider = Services().BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        foreach (var activity in OrchestrationServiceCollectionExtensions.Activities)
        {
            using var invocation = provider.CreateScope();
            Assert.IsType(activity, invocation.ServiceProvider.GetRequiredService(activity));
            Assert.NotSame(invocation.ServiceProvider.GetRequiredService(activity), invocation.ServiceProvider.GetRequiredService(activity));
        }
    }

    [Fact]
    public async Task DurableClientServices_InvocationClient_BuildsTheApiAndTheRelayOverIt()
    {
        using var provider = Services().BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await using var client = new GrpcDurableTaskClient("test", new GrpcDurableTaskClientOptions { Address = "http://127.0.0.1:1" }, NullLogger.Instance);
        var services = provider.GetRequiredService<DurableClientServices>();

        Assert.NotSame(services.Api(client), services.Api(client));
        Assert.NotNull(services.Relay(client));
    }

    [Fact]
    public void FunctionsApplication_DevelopmentEnvironment_BuildsWithTheAppsServices()
    {
        // As under `func start`: the core tools set AZURE_FUNCTIONS_ENVIRONMENT=Development, which turns on ValidateOnBuild and ValidateScopes.
        var previous = Environment.GetEnvironmentVariable(FunctionsEnvironment);
        Environment.SetEnvironmentVariable(FunctionsEnvironment, Environments.Development);
        try
        {
            var builder = FunctionsApplication.CreateBuilder([]);
            builder.ConfigureFunctionsWebApplication();
            builder.Services.AddSearchFunctions();

            using var host = builder.Build();

            Assert.Equal(Environments.Development, host.Services.GetRequiredService<IHostEnvironment>().EnvironmentName);
            Assert.NotNull(host.Services.GetRequiredService<DurableClientServices>());
        }
        finally
        {
            Environment.SetEnvironmentVariable(FunctionsEnvironment, previous);
        }
    }

    private const string FunctionsEnvironment = "AZURE_FUNCTIONS_ENVIRONMENT";

    private static IServiceCollection Services()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        return services.AddSearchFunctions();
    }
}
