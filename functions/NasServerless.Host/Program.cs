using NasServerless.Host;
using NasServerless.Orchestration.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddStandaloneHost();
var app = builder.Build();
app.MapSearchApi();
app.Run();
