using System.Reflection;
using Ganeti.Luxi;
using Ganeti.Simulator.Execution;

namespace Ganeti.Contract.Tests.Differential;

/// <summary>
/// What the differential runs, as <c>coverage.tsv</c> lists it: every opcode the simulator
/// executes and every LUXI method of the gateway (<see cref="LuxiMethods"/>), each with the
/// scenario that sends it on both masters (or the <c>KnownDifference_…</c> test that shows how
/// their answers differ on purpose), or with "-" and the reason it cannot run on the one-node
/// real cluster. Each scenario's run checks that it sent what the list says it does.
/// </summary>
public static class DifferentialCoverage
{
    /// <summary>A line of the list: what is covered, the scenario that runs it (or "-"), and why not when "-".</summary>
    public sealed record Entry(string Name, string Scenario, string? Reason);

    /// <summary>What stands in the scenario column of an opcode or method no scenario can run.</summary>
    public const string NotRunnable = "-";

    public static IReadOnlyList<Entry> Entries { get; } = Read();

    /// <summary>The opcodes of the simulator's catalog and the LUXI methods the gateway speaks.</summary>
    public static IEnumerable<string> Expected =>
        new OpCatalog().OpIds.Concat(typeof(LuxiMethods).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!));

    /// <summary>What of <paramref name="expected"/> the list does not name.</summary>
    public static IEnumerable<string> Unlisted(IEnumerable<string> expected) => expected.Except(Entries.Select(e => e.Name), StringComparer.Ordinal);

    /// <summary>The opcodes and methods the list says <paramref name="scenario"/> sends.</summary>
    public static IEnumerable<string> ClaimedBy(string scenario) => Entries.Where(e => e.Scenario == scenario).Select(e => e.Name);

    private static List<Entry> Read() =>
    [
        .. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Differential", "coverage.tsv"))
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(cells => new Entry(cells[0], cells[1], cells.Length > 2 ? cells[2] : null)),
    ];
}

/// <summary>New opcodes and methods cannot escape the differential unnoticed.</summary>
public sealed class DifferentialCoverageTests
{
    [Fact]
    public void EveryOpcodeAndLuxiMethod_IsListed_AndNothingElse()
    {
        var listed = DifferentialCoverage.Entries.Select(e => e.Name).ToList();

        listed.Should().OnlyHaveUniqueItems();
        DifferentialCoverage.Unlisted(DifferentialCoverage.Expected).Should().BeEmpty("coverage.tsv must name every opcode the simulator executes and every LUXI method of the gateway");
        listed.Except(DifferentialCoverage.Expected).Should().BeEmpty("coverage.tsv must name nothing the simulator does not execute or the gateway does not send");
    }

    [Fact]
    public void EveryEntry_NamesAScenario_OrSaysWhyItCannotRunOnOneNode()
    {
        foreach (var entry in DifferentialCoverage.Entries)
        {
            if (entry.Scenario == DifferentialCoverage.NotRunnable)
            {
                entry.Reason.Should().NotBeNullOrWhiteSpace($"{entry.Name} is not run, so the list must say why");
            }
            else if (entry.Scenario.StartsWith("KnownDifference_", StringComparison.Ordinal))
            {
                typeof(DifferentialTests).GetMethod(entry.Scenario).Should().NotBeNull($"{entry.Name} is said to be run by that test of a known difference");
            }
            else
            {
                DifferentialTests.ScenarioNames.Should().Contain(entry.Scenario, $"{entry.Name} is said to be covered by that scenario");
            }
        }
    }

    [Fact]
    public void TheListDiscerns_AnOpcodeNoScenarioCovers()
    {
        DifferentialCoverage.Unlisted(DifferentialCoverage.Expected.Append("OP_NEWLY_ADDED")).Should().Equal("OP_NEWLY_ADDED");
    }
}
