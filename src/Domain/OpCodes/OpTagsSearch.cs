namespace Ganeti.Domain.OpCodes;

/// <summary>OP_TAGS_SEARCH: the objects whose tags match a regular expression (<c>gnt-cluster search-tags</c>).</summary>
public sealed record OpTagsSearch([NonEmpty] string Pattern) : OpCode;
