using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using NasServerless.Contracts;
using NasServerless.Functions.Results;
using NasServerless.Functions.Tests.Support;
using NasServerless.Orchestration;
using NasServerless.Orchestration.Api;

namespace NasServerless.Functions.Tests;

public class FunctionsMetadataTests
{
    private static readonly Assembly App = typeof(FunctionsServiceCollectionExtensions).Assembly;

    private static readonly string[] HttpFunctions = ["CreateSearch", "ListSearches", "GetSearch", "GetSearchFront", "GetSearchFrontPlot", "DeleteSearch"];

    [Theory]
    [InlineData("CreateSearch", "post", "searches")]
    [InlineData("ListSearches", "get", "searches")]
    [InlineData("GetSearch", "get", "searches/{id}")]
    [InlineData("GetSearchFront", "get", "searches/{id}/front")]
    [InlineData("GetSearchFrontPlot", "get", "searches/{id}/front.svg")]
    [InlineData("DeleteSearch", "delete", "searches/{id}")]
    public void Metadata_HttpFunction_HasStandaloneHostMethodAndRoute(string name, string method, string route)
    {
        var function = FunctionsAppOutput.Function(name);

        Assert.Equal("httpTrigger", function.TriggerType);
        Assert.Equal([method], function.Trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(route, function.Trigger["route"]!.GetValue<string>());
        Assert.True(function.Has("durableClient"), $"{name} has no durableClient binding");
        Assert.Contains(function.Bindings, b => b["name"]!.GetValue<string>() == "$return" && b["type"]!.GetValue<string>() == "http");
    }

    [Fact]
    public void Metadata_HttpFunctions_AreExactlyTheStandaloneHostRoutes()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Services.AddSearchApi();
        using var app = builder.Build();
        app.MapSearchApi();

        var host = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText!.Trim('/')}"));
        var functions = FunctionsAppOutput.Functions.Where(f => f.TriggerType == "httpTrigger")
            .SelectMany(f => f.Trigger["methods"]!.AsArray().Select(m => $"{m!.GetValue<string>().ToUpperInvariant()} api/{f.Trigger["route"]!.GetValue<string>()}"));
        Assert.Equal(host.Order(), functions.Order());
    }

    [Fact]
    public void Metadata_HostRoutePrefix_IsApiAsInTheStandaloneHost() =>
        Assert.Equal("api", FunctionsAppOutput.HostJson["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());

    [Fact]
    public void Metadata_OrchestrationTriggers_AreExactlyTheOrchestratorClasses() =>
        Assert.Equal(
            OrchestrationServiceCollectionExtensions.Orchestrators.Select(t => t.Name).Order(),
            FunctionsAppOutput.Functions.Where(f => f.TriggerType == "orchestrationTrigger").Select(f => f.Name).Order());

    [Fact]
    public void Metadata_ActivityTriggers_AreExactlyTheActivityClasses() =>
        Assert.Equal(
            OrchestrationServiceCollectionExtensions.Activities.Select(t => t.Name).Order(),
            FunctionsAppOutput.Functions.Where(f => f.TriggerType == "activityTrigger").Select(f => f.Name).Order());

    [Fact]
    public void Metadata_TrainingResults_IsQueueTriggerOnResultsQueueWithDurableClient()
    {
        var function = FunctionsAppOutput.Function("TrainingResults");

        Assert.Equal("queueTrigger", function.TriggerType);
        Assert.Equal(StorageNames.ResultsQueue, function.Trigger["queueName"]!.GetValue<string>());
        Assert.Equal(TrainingResultsFunction.Connection, function.Trigger["connection"]!.GetValue<string>());
        Assert.Equal("String", function.Trigger["dataType"]!.GetValue<string>());
        Assert.True(function.Has("durableClient"));
    }

    [Fact]
    public void Metadata_Functions_AreTheApiTheResultsQueueAndEveryTaskOnce()
    {
        var expected = HttpFunctions
            .Append("TrainingResults")
            .Concat(OrchestrationServiceCollectionExtensions.Orchestrators.Select(t => t.Name))
            .Concat(OrchestrationServiceCollectionExtensions.Activities.Select(t => t.Name))
            .Order();

        Assert.Equal(expected, FunctionsAppOutput.Functions.Select(f => f.Name).Order());
    }

    [Fact]
    public void Metadata_EntryPoints_AreFunctionMethodsOfTheSameName()
    {
        foreach (var function in FunctionsAppOutput.Functions)
        {
            var split = function.EntryPoint.LastIndexOf('.');
            var type = App.GetType(function.EntryPoint[..split]);
            Assert.NotNull(type);
            var method = type.GetMethod(function.EntryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance);
            Assert.NotNull(method);
            Assert.Equal(function.Name, method.GetCustomAttribute<FunctionAttribute>()?.Name);
        }
    }

    [Fact]
    public void Wrappers_ActivityFunctions_TakeTheActivityInputAndReturnItsOutput()
    {
        foreach (var activity in OrchestrationServiceCollectionExtensions.Activities)
        {
            var (input, output) = TaskTypes(activity, typeof(TaskActivity<,>));
            var method = FunctionMethod(activity.Name);
            var trigger = Assert.Single(method.GetParameters(), p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null);
            Assert.Equal(input, trigger.ParameterType);
            Assert.Equal(typeof(Task<>).MakeGenericType(output), method.ReturnType);
        }
    }

    [Fact]
    public void Wrappers_OrchestratorFunctions_ReturnTheOrchestratorOutput()
    {
        foreach (var orchestrator in OrchestrationServiceCollectionExtensions.Orchestrators)
        {
            var (_, output) = TaskTypes(orchestrator, typeof(TaskOrchestrator<,>));
            var method = FunctionMethod(orchestrator.Name);
            Assert.Single(method.GetParameters(), p => p.ParameterType == typeof(TaskOrchestrationContext) && p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null);
            Assert.Equal(typeof(Task<>).MakeGenericType(output), method.ReturnType);
        }
    }

    private static MethodInfo FunctionMethod(string name)
    {
        var methods = App.GetTypes().SelectMany(t => t.GetMethods()).Where(m => m.GetCustomAttribute<FunctionAttribute>()?.Name == name).ToList();
        Assert.True(methods.Count == 1, $"expected one [Function(\"{name}\")] wrapper in the app, found {methods.Count}");
        return methods[0];
    }

    private static (Type Input, Type Output) TaskTypes(Type task, Type openBase)
    {
        for (var type = task.BaseType; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == openBase)
                return (type.GenericTypeArguments[0], type.GenericTypeArguments[1]);
        throw new InvalidOperationException($"{task.Name} does not derive from {openBase.Name}");
    }
}
