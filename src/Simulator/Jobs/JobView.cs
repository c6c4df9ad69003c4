using Ganeti.Simulator.Execution;

namespace Ganeti.Simulator.Jobs;

/// <summary>A job together with what its query fields need to know.</summary>
public sealed record JobView(Job Job, OpCatalog Catalog);
