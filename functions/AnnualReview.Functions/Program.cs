using AnnualReview.Functions;

WebApplication app = AppHost.Build(args);
await app.RunAsync();
