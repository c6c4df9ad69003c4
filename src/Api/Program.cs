using Ganeti.Api.Auth;
using Ganeti.Api.Documentation;
using Ganeti.Api.Endpoints;
using Ganeti.Api.Errors;
using Ganeti.Api.Hosting;
using Ganeti.Api.Http;
using Ganeti.Api.Observability;
using Ganeti.Application;
using Ganeti.Application.Behaviors;
using Ganeti.Application.Cluster.GetVersion;
using Ganeti.Infrastructure;
using Serilog;
using Serilog.Formatting.Compact;

var builder = WebApplication.CreateBuilder(args);

// The settings shipped beside the program apply wherever it is started from (lowest priority).
builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
var shipped = builder.Configuration.Sources[^1];
builder.Configuration.Sources.RemoveAt(builder.Configuration.Sources.Count - 1);
builder.Configuration.Sources.Insert(0, shipped);
builder.Configuration.AddCommandLine(CommandLine.Normalize(args), CommandLine.SwitchMappings.ToDictionary());
var rapi = builder.Configuration.GetSection(RapiOptions.SectionName).Get<RapiOptions>() ?? new RapiOptions();
builder.Services.Configure<RapiOptions>(builder.Configuration.GetSection(RapiOptions.SectionName));

builder.Services.AddSerilog((services, log) =>
{
    log.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext()
        .Enrich.With<ControlCharacterEscaper>();
    if (builder.Configuration.GetValue("Logging:Console", defaultValue: true))
    {
        if (builder.Configuration.GetValue<bool>("Logging:CompactJson"))
        {
            log.WriteTo.Console(new RenderedCompactJsonFormatter());
        }
        else
        {
            log.WriteTo.Console();
        }
    }
});
builder.Services.AddMediator((Mediator.MediatorOptions options) =>
{
    options.Namespace = "Ganeti.Api.Mediator";
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.Assemblies = [typeof(GetVersionQuery)];
    options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>)];
});
builder.Services.AddApplication().AddInfrastructure().AddMaster(rapi, builder.Configuration);
builder.Services.AddRapiAuthorization(rapi);
builder.Services.AddHostedService<IdleMemoryReclaimer>();
builder.Services.AddRapiObservability(rapi).AddRapiDocumentation();
builder.Services.AddExceptionHandler<GanetiExceptionHandler>();
builder.Services.AddProblemDetails();
builder.ConfigureRapiEndpoint(rapi);

var app = builder.Build();
app.UseSerilogRequestLogging(RequestLog.Configure);
app.UseExceptionHandler(new ExceptionHandlerOptions { SuppressDiagnosticsCallback = _ => true });
app.UseRouting();
app.UseRapiRouteGuard();
app.UseAuthentication();
app.UseRapiCredentialGuard(rapi.RequireAuthentication);
app.UseAuthorization();
app.MapObservability(rapi).MapRapiDocumentation();
app.MapCluster().MapInstances().MapNodes().MapGroups().MapNetworks().MapJobs().MapFilters().MapQuery();
app.Run();
