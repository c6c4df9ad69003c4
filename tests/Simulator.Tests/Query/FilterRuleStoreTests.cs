using System.Text.Json.Nodes;
using Ganeti.Simulator.Seed;
using Ganeti.Simulator.State;
using Ganeti.Simulator.Store;

namespace Ganeti.Simulator.Tests.Query;

public class FilterRuleStoreTests
{
    [Fact]
    public void FilterRules_AreStoredAndLoadedWithTheConfig()
    {
        var path = Path.Combine(Path.GetTempPath(), "sim-" + Guid.NewGuid().ToString("N")[..10] + ".db");
        var state = DemoCluster.Create(DateTimeOffset.UnixEpoch);
        var rule = new FilterRule
        {
            Priority = 100,
            Watermark = 13,
            Action = new JsonArray("RATE_LIMIT", 2),
            Predicates = [new JsonArray("opcode", new JsonArray("==", "OP_ID", "OP_TEST_DELAY"))],
            ReasonTrail = [new JsonArray("gnt:user", "anchor-setup", 1795739695522302208)],
        };
        state.FilterRules[rule.Uuid] = rule;

        try
        {
            using (var store = new SimStore(path))
            {
                store.SaveState(state);
            }

            using var reopened = new SimStore(path);
            var loaded = reopened.LoadState()!.FilterRules.Values.Single();

            loaded.Uuid.Should().Be(rule.Uuid);
            loaded.Priority.Should().Be(100);
            loaded.Watermark.Should().Be(13);
            loaded.Action.ToJsonString().Should().Be("""["RATE_LIMIT",2]""");
            loaded.Predicates.ToJsonString().Should().Be("""[["opcode",["==","OP_ID","OP_TEST_DELAY"]]]""");
            loaded.ReasonTrail.ToJsonString().Should().Be("""[["gnt:user","anchor-setup",1795739695522302208]]""");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }
}
