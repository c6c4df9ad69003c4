using Ganeti.Simulator.Execution;

namespace Ganeti.Simulator.Jobs;

/// <summary>A job id, the job if it exists, and what its query fields need to know.</summary>
public sealed record JobView(long Id, Job? Job, OpCatalog Catalog);
