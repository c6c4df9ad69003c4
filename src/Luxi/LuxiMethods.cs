namespace Ganeti.Luxi;

/// <summary>The LUXI request names of Ganeti 3.x (luxid's LuxiReq), as sent on the wire.</summary>
public static class LuxiMethods
{
    public const string SubmitJob = "SubmitJob";
    public const string SubmitJobToDrainedQueue = "SubmitJobToDrainedQueue";
    public const string SubmitManyJobs = "SubmitManyJobs";
    public const string WaitForJobChange = "WaitForJobChange";
    public const string CancelJob = "CancelJob";
    public const string ChangeJobPriority = "ChangeJobPriority";
    public const string ArchiveJob = "ArchiveJob";
    public const string AutoArchiveJobs = "AutoArchiveJobs";
    public const string Query = "Query";
    public const string QueryFields = "QueryFields";
    public const string QueryJobs = "QueryJobs";
    public const string QueryInstances = "QueryInstances";
    public const string QueryNodes = "QueryNodes";
    public const string QueryGroups = "QueryGroups";
    public const string QueryNetworks = "QueryNetworks";
    public const string QueryExports = "QueryExports";
    public const string QueryConfigValues = "QueryConfigValues";
    public const string QueryClusterInfo = "QueryClusterInfo";
    public const string QueryTags = "QueryTags";
    public const string QueryFilters = "QueryFilters";
    public const string ReplaceFilter = "ReplaceFilter";
    public const string DeleteFilter = "DeleteFilter";
    public const string SetDrainFlag = "SetDrainFlag";
    public const string SetWatcherPause = "SetWatcherPause";
}
