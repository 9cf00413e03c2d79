using AnnualReview.FunctionApp;
using AnnualReview.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The app under the Azure Functions host (isolated worker). The standalone host is functions/AnnualReview.Functions.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// The worker does not see host.json; it reads the task hub's settings from it under the names the host uses.
HostJsonConfiguration.Add(builder.Configuration, Path.Combine(AppContext.BaseDirectory, "host.json"));
builder.Services.AddFunctionApp(builder.Configuration);
builder.Build().Run();
