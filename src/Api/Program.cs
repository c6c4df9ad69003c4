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
using Serilog.Events;
using Serilog.Formatting.Compact;

var commandLine = RapiCommandLine.Parse(args, Console.Out, Console.Error);
if (commandLine.ExitCode is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(commandLine.HostArgs);

RapiConfiguration.Layer(builder.Configuration, commandLine);
var rapi = SettingsCheck.Read(builder.Configuration, out var problem);
if (problem is not null)
{
    Console.Error.WriteLine($"{RapiCommandLine.ProgramName}: error: {problem}");
    return RapiCommandLine.UsageError;
}

builder.Host.UseSystemd();
builder.Services.Configure<RapiOptions>(builder.Configuration.GetSection(RapiOptions.SectionName));

builder.Services.AddSerilog((services, log) =>
{
    log.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext()
        .Enrich.With<ControlCharacterEscaper>();
    var syslog = builder.Configuration.GetValue("Logging:Syslog", "no");
    if (syslog is "yes" or "only")
    {
        var socket = builder.Configuration.GetValue("Logging:SyslogSocket", SyslogSink.DefaultSocket)!;
        log.WriteTo.Sink(new SyslogSink(socket, RapiCommandLine.ProgramName), LogEventLevel.Information);
    }

    if (syslog != "only" && builder.Configuration.GetValue("Logging:Console", defaultValue: true))
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
return 0;
