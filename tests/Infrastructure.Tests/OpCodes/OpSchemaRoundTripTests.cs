using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Operations;
using Ganeti.Domain.Cluster;
using Ganeti.Domain.Common;
using Ganeti.Domain.Instances;
using Ganeti.Domain.Networks;
using Ganeti.Domain.OpCodes;
using Ganeti.Luxi.Converters;

namespace Ganeti.Infrastructure.Tests.OpCodes;

/// <summary>
/// The one description of each opcode (its Domain record, read by <see cref="OpSchema"/>)
/// against both ends that use it: a body naming every parameter, read into the record by
/// <see cref="OpInput"/>, must come out of the LUXI writer as the same JSON; and the schema's
/// wire names must be the writer's names.
/// </summary>
public class OpSchemaRoundTripTests
{
    public static readonly TheoryData<string> OpIds = new(OpSchema.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(OpIds))]
    public void EveryParameter_ReadFromJson_IsWrittenBackUnchanged(string opId)
    {
        var schema = OpSchema.All[opId];
        var body = new JsonObject();
        foreach (var parameter in schema.Parameters)
        {
            body[parameter.Name] = Sample(parameter.ValueType, parameter);
        }

        OpInput.TryCreate(schema, (JsonObject)body.DeepClone(), out var op, out var error).Should().BeTrue(error);
        var written = OpCodeJsonConverter.ToJsonObject(op!);

        written["OP_ID"]!.GetValue<string>().Should().Be(opId);
        written.Remove("OP_ID");
        written.Select(p => p.Key).Should().BeEquivalentTo(body.Select(p => p.Key));
        foreach (var nested in written.Select(p => p.Value).OfType<JsonArray>().SelectMany(a => a).OfType<JsonObject>().Where(o => o.ContainsKey("OP_ID")))
        {
            // Opcodes inside parameters (multi-alloc's instances) are written with their own OP_ID.
            nested["OP_ID"]!.GetValue<string>().Should().Be("OP_INSTANCE_CREATE");
            nested.Remove("OP_ID");
        }

        foreach (var (key, value) in body)
        {
            JsonNode.DeepEquals(written[key], value).Should().BeTrue($"{opId}.{key}: wrote {written[key]?.ToJsonString()} for {value?.ToJsonString()}");
        }
    }

    [Theory]
    [MemberData(nameof(OpIds))]
    public void RequiredParameters_AreTheConstructorsAndMissingOnesFailValidation(string opId)
    {
        var schema = OpSchema.All[opId];
        foreach (var required in schema.Parameters.Where(p => p.Required))
        {
            var body = new JsonObject();
            foreach (var other in schema.Parameters.Where(p => p.Required && p != required))
            {
                body[other.Name] = Sample(other.ValueType, other);
            }

            OpInput.TryCreate(schema, body, out _, out var error).Should().BeFalse();
            error.Should().Be($"Invalid body parameters: (\"Parameter '{opId}.{required.Name}' fails validation\", 'wrong_input')");
        }
    }

    [Fact]
    public void WireNames_AreTheLuxiWritersNames()
    {
        var policy = JsonNamingPolicy.SnakeCaseLower;
        foreach (var schema in OpSchema.All.Values)
        {
            foreach (var parameter in schema.Parameters)
            {
                parameter.Name.Should().Be(policy.ConvertName(parameter.Property.Name), $"{schema.OpId}.{parameter.Property.Name}");
            }
        }
    }

    [Theory]
    [InlineData("IgnoreSecondaries", "ignore_secondaries")]
    [InlineData("X509KeyName", "x509_key_name")]
    [InlineData("Network6", "network6")]
    [InlineData("OsHvp", "os_hvp")]
    [InlineData("IPolicyXML", "i_policy_xml")]
    public void SnakeCase_SplitsWordsLikeSystemTextJson(string name, string expected)
    {
        SnakeCase.From(name).Should().Be(expected);
        JsonNamingPolicy.SnakeCaseLower.ConvertName(name).Should().Be(expected);
    }

    /// <summary>A valid value for a parameter of <paramref name="type"/>, within its constraints.</summary>
    private static JsonNode? Sample(Type type, OpParameter? parameter = null)
    {
        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return parameter?.OneOf?[0] ?? parameter?.Min ?? 7;
        }

        if (type == typeof(double))
        {
            return 1.5;
        }

        if (type == typeof(string))
        {
            return parameter?.Address switch
            {
                AddressKind.IPv4Address => "192.0.2.1",
                AddressKind.IPv4Network => "192.0.2.0/24",
                AddressKind.IPv6Address => "2001:db8::1",
                AddressKind.IPv6Network => "2001:db8::/64",
                _ => "text",
            };
        }

        if (type == typeof(object))
        {
            return new JsonObject { ["any"] = new JsonArray(1, "two") };
        }

        if (type.IsEnum)
        {
            return WireNames.ToWire((Enum)Enum.GetValues(type).GetValue(0)!);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return new JsonArray(Sample(type.GetGenericArguments()[0], parameter));
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            var key = type.GetGenericArguments()[0];
            var name = key.IsEnum ? WireNames.ToWire((Enum)Enum.GetValues(key).GetValue(0)!) : "key";
            return new JsonObject { [name] = Sample(type.GetGenericArguments()[1]) };
        }

        if (type == typeof(OpInstanceCreate))
        {
            return new JsonObject { ["instance_name"] = "i1.example.com", ["mode"] = "create", ["disks"] = new JsonArray(new JsonObject { ["size"] = 1024 }), ["nics"] = new JsonArray(new JsonObject()) };
        }

        return type.Name switch
        {
            nameof(ReasonEntry) => new JsonArray("gnt:user", "why", 1_800_000_000_000_000_000),
            nameof(OpDependency) => new JsonArray(-1, new JsonArray("success", "error")),
            nameof(UidRange) => new JsonArray(1000, 1999),
            nameof(OsListModification) => new JsonArray("remove", "lenny"),
            nameof(ExportTarget) => "node2.example.com",
            nameof(DiskRecreation) => new JsonArray(1, new JsonObject { ["size"] = 2048 }),
            _ => throw new NotSupportedException($"No sample for {type.Name}"),
        };
    }
}
