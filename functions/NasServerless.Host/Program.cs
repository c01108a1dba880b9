using NasServerless.Host;
using NasServerless.Orchestration.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddStandaloneHost();
var app = builder.Build();
if (!StartupValidation.TryValidate(app.Services, Console.Error)) return 1;
app.MapSearchApi();
app.Run();
return 0;
