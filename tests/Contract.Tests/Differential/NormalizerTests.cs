using System.Text.Json.Nodes;

namespace Ganeti.Contract.Tests.Differential;

/// <summary>The normalizer hides which master answered, never which object an answer refers to.</summary>
public sealed class NormalizerTests
{
    private const string RealGroups = """[["default", "0b0d4a2e-5b1c-4a4e-9a63-1d2f3e4a5b6c"], ["spare", "7c6b5a4e-3f2d-4e1c-8b9a-6d5e4f3a2b1c"]]""";
    private const string SimulatedGroups = """[["default", "11111111-2222-4333-8444-555555555555"], ["spare", "66666666-7777-4888-9999-aaaaaaaaaaaa"]]""";

    private static readonly System.Text.Json.JsonSerializerOptions Plain = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Normalized(string answer, params long[] jobs) =>
        new Normalizer(new HashSet<long>(jobs)).Normalize(JsonNode.Parse(answer))!.ToJsonString(Plain);

    [Fact]
    public void AnswersThatReferToTheSameObjects_UnderOtherUuids_AreEqual()
    {
        var real = Normalized($$"""{"groups": {{RealGroups}}, "node1_group": "0b0d4a2e-5b1c-4a4e-9a63-1d2f3e4a5b6c"}""");
        var simulated = Normalized($$"""{"groups": {{SimulatedGroups}}, "node1_group": "11111111-2222-4333-8444-555555555555"}""");

        simulated.Should().Be(real);
    }

    [Fact]
    public void AnswersThatDifferOnlyInWhichObjectTheyReference_Differ()
    {
        var real = Normalized($$"""{"groups": {{RealGroups}}, "node1_group": "0b0d4a2e-5b1c-4a4e-9a63-1d2f3e4a5b6c"}""");
        var simulated = Normalized($$"""{"groups": {{SimulatedGroups}}, "node1_group": "66666666-7777-4888-9999-aaaaaaaaaaaa"}""");

        simulated.Should().NotBe(real, "node1 is in the first group on one master and in the second on the other");
    }

    [Fact]
    public void AJobThatWaitsForAnotherJob_ThanItsMasterSays_Differs()
    {
        var real = Normalized("""[[[true, 4601], [true, 4602]], {"id": 4602, "depends": [[4601, ["success"]]], "log": "job 4601 ended"}]""", 4601, 4602);
        var same = Normalized("""[[[true, 7], [true, 8]], {"id": 8, "depends": [[7, ["success"]]], "log": "job 7 ended"}]""", 7, 8);
        var other = Normalized("""[[[true, 7], [true, 8]], {"id": 7, "depends": [[7, ["success"]]], "log": "job 8 ended"}]""", 7, 8);

        same.Should().Be(real);
        other.Should().NotBe(real);
    }

    [Fact]
    public void NumbersThatAreNotJobIdsOfTheRun_AreKept_AndRefusalsKeepTheirMessage()
    {
        var answer = Normalized("""{"id": 5, "memory": [true, 128], "refused": {"error": "OpPrereqError", "args": ["Instance 'x' not known", "unknown_entity"]}}""", 4601);

        answer.Should().Be("""{"id":5,"memory":[true,128],"refused":{"args":["Instance 'x' not known","unknown_entity"],"error":"OpPrereqError"}}""");
    }

    [Fact]
    public void OnlyTheNamedMasksApply()
    {
        var answer = Normalized("""{"mac": "aa:00:00:12:34:56", "end_ts": [1765000000, 123456], "ctime": 1765000000.5, "reason": [["gnt:opcode:test_delay", "job=9;index=0", 1765000000123456789]], "size": [1024, 5]}""", 9);

        answer.Should().Be("""{"ctime":"<time>","end_ts":"<time>","mac":"<mac>","reason":[["gnt:opcode:test_delay","job=J1;index=0","<ns>"]],"size":[1024,5]}""");
        Normalizer.Masks.Select(m => m.Placeholder).Should().Equal("<mac>", "<time>", "<ns>");
    }
}
