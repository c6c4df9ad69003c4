using System.Text.Json.Nodes;
using Ganeti.Domain.Query;

namespace Ganeti.Application.Abstractions;

/// <summary>A Query2 field definition: <c>{name, title, kind, doc}</c>.</summary>
public sealed record FieldDefinition(string Name, string Title, string Kind, string Doc);

/// <summary>One value of a Query2 result with its status.</summary>
public sealed record QueryValue(ResultStatus Status, JsonNode? Value);

/// <summary>A Query2 answer: the field definitions and, per item, one value per field.</summary>
public sealed record QueryResult(IReadOnlyList<FieldDefinition> Fields, IReadOnlyList<IReadOnlyList<QueryValue>> Data);
