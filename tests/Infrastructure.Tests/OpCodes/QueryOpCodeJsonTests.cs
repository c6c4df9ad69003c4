using Ganeti.Domain.OpCodes;
using Ganeti.Domain.Query;
using static Ganeti.Infrastructure.Tests.OpCodes.OpJson;

namespace Ganeti.Infrastructure.Tests.OpCodes;

public class QueryOpCodeJsonTests
{
    [Fact]
    public void OpQuery_WithFilter_GoldenJson() =>
        Of(new OpQuery(QueryResource.Instance, ["name", "status", "oper_ram"])
        {
            UseLocking = false,
            Qfilter = ["|", new object?[] { "=", "name", "web1.example.com" }, new object?[] { "=", "status", "running" }],
        }).Should().Be(
            """{"OP_ID":"OP_QUERY","what":"instance","fields":["name","status","oper_ram"],"use_locking":false,"qfilter":["|",["=","name","web1.example.com"],["=","status","running"]]}""");

    [Fact]
    public void OpQuery_NoFilter_LeavesQfilterOut() =>
        Of(new OpQuery(QueryResource.Node, ["name"])).Should().Be("""{"OP_ID":"OP_QUERY","what":"node","fields":["name"]}""");

    [Fact]
    public void OpQueryFields_GoldenJson() =>
        Of(new OpQueryFields(QueryResource.Group) { Fields = ["name", "alloc_policy"] })
            .Should().Be("""{"OP_ID":"OP_QUERY_FIELDS","what":"group","fields":["name","alloc_policy"]}""");
}
