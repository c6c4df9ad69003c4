using System.Reflection;
using FluentValidation;
using Mediator;
using NetArchTest.Rules;

namespace Ganeti.Architecture.Tests;

public class LayerTests
{
    private static readonly Assembly Domain = typeof(Ganeti.Domain.Jobs.JobId).Assembly;
    private static readonly Assembly Application = typeof(Ganeti.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(Ganeti.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Luxi = typeof(Ganeti.Luxi.LuxiJson).Assembly;
    private static readonly Assembly Simulator = typeof(Ganeti.Simulator.SimulatedMaster).Assembly;

    private static Assembly Named(string name) => name switch
    {
        "Ganeti.Domain" => Domain,
        "Ganeti.Application" => Application,
        "Ganeti.Infrastructure" => Infrastructure,
        "Ganeti.Luxi" => Luxi,
        "Ganeti.Simulator" => Simulator,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [InlineData("Ganeti.Domain", "Ganeti.Application")]
    [InlineData("Ganeti.Domain", "Ganeti.Infrastructure")]
    [InlineData("Ganeti.Domain", "Ganeti.Simulator")]
    [InlineData("Ganeti.Domain", "Ganeti.Api")]
    [InlineData("Ganeti.Domain", "FluentValidation")]
    [InlineData("Ganeti.Domain", "Mediator")]
    [InlineData("Ganeti.Domain", "System.Text.Json")]
    [InlineData("Ganeti.Application", "Ganeti.Infrastructure")]
    [InlineData("Ganeti.Application", "Ganeti.Simulator")]
    [InlineData("Ganeti.Application", "Ganeti.Api")]
    [InlineData("Ganeti.Application", "Microsoft.AspNetCore")]
    [InlineData("Ganeti.Application", "System.Net.Sockets")]
    [InlineData("Ganeti.Application", "Renci.SshNet")]
    [InlineData("Ganeti.Application", "Microsoft.Data.Sqlite")]
    [InlineData("Ganeti.Infrastructure", "Ganeti.Api")]
    [InlineData("Ganeti.Infrastructure", "Ganeti.Simulator")]
    [InlineData("Ganeti.Infrastructure", "Microsoft.AspNetCore")]
    [InlineData("Ganeti.Luxi", "Ganeti.Application")]
    [InlineData("Ganeti.Luxi", "Ganeti.Infrastructure")]
    [InlineData("Ganeti.Luxi", "Ganeti.Simulator")]
    [InlineData("Ganeti.Luxi", "Ganeti.Api")]
    [InlineData("Ganeti.Luxi", "Microsoft.AspNetCore")]
    [InlineData("Ganeti.Luxi", "FluentValidation")]
    [InlineData("Ganeti.Luxi", "Mediator")]
    [InlineData("Ganeti.Simulator", "Ganeti.Api")]
    [InlineData("Ganeti.Simulator", "Ganeti.Application")]
    [InlineData("Ganeti.Simulator", "Ganeti.Infrastructure")]
    [InlineData("Ganeti.Simulator", "Microsoft.AspNetCore")]
    public void Layer_DoesNotDependOn(string layer, string forbidden)
    {
        var result = Types.InAssembly(Named(layer)).ShouldNot().HaveDependencyOn(forbidden).GetResult();
        result.IsSuccessful.Should().BeTrue($"{layer} must not use {forbidden}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Simulator_DoesNotReferenceInfrastructureOrApplication()
    {
        var referenced = typeof(Ganeti.Simulator.SimulatedMaster).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        referenced.Should().NotContain("Ganeti.Infrastructure").And.NotContain("Ganeti.Application");
    }

    [Fact]
    public void Luxi_ReferencesNoGanetiAssemblyButDomain()
    {
        var referenced = Luxi.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Ganeti.", StringComparison.Ordinal)).ToList();
        referenced.Should().OnlyContain(n => n == "Ganeti.Domain", $"Ganeti.Luxi references {string.Join(", ", referenced)}");
    }

    [Fact]
    public void OnlyApi_ReferencesTheMediatorGenerator()
    {
        foreach (var assembly in new[] { Domain, Application, Infrastructure, Luxi, Simulator })
        {
            assembly.GetTypes().Should().NotContain(t => t.Namespace != null && t.Namespace.EndsWith(".Mediator", StringComparison.Ordinal) && t.Name == "Mediator");
        }
    }

    [Theory]
    [InlineData(typeof(ICommandHandler<,>), "CommandHandler")]
    [InlineData(typeof(IQueryHandler<,>), "QueryHandler")]
    [InlineData(typeof(AbstractValidator<>), "Validator")]
    [InlineData(typeof(ICommand<>), "Command")]
    [InlineData(typeof(IQuery<>), "Query")]
    public void Messages_AndTheirHandlers_FollowNaming(Type kind, string suffix)
    {
        var types = Application.GetTypes().Where(t => !t.IsAbstract && Implements(t, kind)).ToList();
        types.Should().NotBeEmpty();
        types.Should().AllSatisfy(t => t.Name.Should().EndWith(suffix));
    }

    [Fact]
    public void Handlers_AreSealed()
    {
        var handlers = Application.GetTypes().Where(t => Implements(t, typeof(ICommandHandler<,>)) || Implements(t, typeof(IQueryHandler<,>))).ToList();
        handlers.Should().AllSatisfy(t => t.IsSealed.Should().BeTrue($"{t.Name} should be sealed"));
    }

    [Fact]
    public void Messages_AreImmutableRecords()
    {
        var messages = Application.GetTypes().Where(t => Implements(t, typeof(ICommand<>)) || Implements(t, typeof(IQuery<>))).ToList();
        foreach (var type in messages)
        {
            foreach (var property in type.GetProperties().Where(p => p.SetMethod is { IsPublic: true }))
            {
                property.SetMethod!.ReturnParameter.GetRequiredCustomModifiers()
                    .Should().Contain(typeof(System.Runtime.CompilerServices.IsExternalInit), $"{type.Name}.{property.Name} must be init-only");
            }
        }
    }

    [Fact]
    public void EveryCommand_HasAValidator()
    {
        var validated = Application.GetTypes()
            .Where(t => !t.IsAbstract)
            .Select(ValidatedType)
            .OfType<Type>()
            .ToHashSet();
        var commands = Application.GetTypes().Where(t => !t.IsAbstract && Implements(t, typeof(ICommand<>))).ToList();
        commands.Should().NotBeEmpty();
        commands.Should().AllSatisfy(c => validated.Should().Contain(c, $"{c.Name} needs a validator"));
    }

    [Fact]
    public void Handlers_ReachGanetiOnlyThroughPorts()
    {
        // A handler's (and a runner's) dependencies are ports from Application.Abstractions,
        // the runners that generated handlers call, and the clock; nothing that talks to a socket.
        var runners = Application.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(Ganeti.Application.Operations.GeneratedHandlerAttribute), false))
            .Cast<Ganeti.Application.Operations.GeneratedHandlerAttribute>()
            .Select(a => a.Runner)
            .ToHashSet();
        runners.Should().NotBeEmpty();
        var handlers = Application.GetTypes().Where(t => !t.IsAbstract && (Implements(t, typeof(ICommandHandler<,>)) || Implements(t, typeof(IQueryHandler<,>)))).ToList();
        handlers.Should().HaveCountGreaterThan(20);
        foreach (var type in handlers.Concat(runners))
        {
            foreach (var parameter in type.GetConstructors().SelectMany(c => c.GetParameters()))
            {
                var t = parameter.ParameterType;
                var allowed = (t.IsInterface && t.Namespace == "Ganeti.Application.Abstractions")
                    || (runners.Contains(t) && !runners.Contains(type))
                    || t == typeof(TimeProvider);
                allowed.Should().BeTrue($"{type.Name} takes a {t.FullName}; handlers reach Ganeti only through ports");
            }
        }
    }

    /// <summary>The message a validator validates, found through its base types (generated validators derive from a shared one).</summary>
    private static Type? ValidatedType(Type validator)
    {
        for (var t = validator.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            {
                return t.GetGenericArguments()[0];
            }
        }

        return null;
    }

    private static bool Implements(Type type, Type generic) =>
        generic.IsInterface
            ? type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic)
            : type.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == generic;
}
