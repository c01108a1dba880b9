using Microsoft.Extensions.DependencyInjection;
using NasServerless.Functions.Durable;
using NasServerless.Orchestration;
using NasServerless.Orchestration.Clients;

namespace NasServerless.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Search services for the Functions app. The durable runtime itself comes from the DurableTask worker
    /// extension; its client exists only per invocation (the <c>[DurableClient]</c> binding), so the services
    /// that need an <see cref="ISearchOrchestrationClient"/> are built per call by <see cref="DurableClientServices"/>.
    /// </summary>
    public static IServiceCollection AddSearchFunctions(this IServiceCollection services)
    {
        services.AddSearchServices();
        services.AddSingleton<DurableClientServices>();
        foreach (var activity in OrchestrationServiceCollectionExtensions.Activities) services.AddTransient(activity);
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}
