using Ganeti.Fuzz;

namespace Ganeti.Fuzz.Tests;

/// <summary>
/// Every input of the committed corpus (<c>fuzz/corpus/TARGET</c>), every input that once made
/// a target throw (<c>fuzz/regressions/TARGET</c>), and whatever the last fuzzing run of
/// <c>scripts/fuzz.sh</c> found (<c>TestResults/fuzz-findings/TARGET</c>) go through their
/// target again, uninstrumented: none may throw.
/// </summary>
public sealed class CorpusReplayTests
{
    public static TheoryData<string, string> Inputs()
    {
        var root = RepositoryRoot();
        var data = new TheoryData<string, string>();
        foreach (var folder in new[] { "fuzz/corpus", "fuzz/regressions", "TestResults/fuzz-findings" })
        {
            foreach (var target in Targets.All.Keys.Order(StringComparer.Ordinal))
            {
                var dir = Path.Combine(root, folder, target);
                if (!Directory.Exists(dir))
                {
                    continue;
                }

                foreach (var file in Directory.GetFiles(dir).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
                {
                    data.Add(target, Path.GetRelativePath(root, file));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Input_GoesThroughItsTarget(string target, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(RepositoryRoot(), file));

        var run = () => Targets.All[target](input);

        run.Should().NotThrow();
    }

    [Fact]
    public void EveryTarget_HasACommittedCorpus()
    {
        var root = RepositoryRoot();
        foreach (var target in Targets.All.Keys)
        {
            Directory.GetFiles(Path.Combine(root, "fuzz/corpus", target)).Should().NotBeEmpty($"afl-fuzz starts {target} from its corpus");
        }
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ganeti.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Ganeti.sln) is not above " + AppContext.BaseDirectory);
    }
}
