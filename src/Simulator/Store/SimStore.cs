using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Ganeti.Simulator.State;
using Microsoft.Data.Sqlite;

namespace Ganeti.Simulator.Store;

/// <summary>
/// The simulator's durable state: config objects and jobs in one SQLite file (WAL mode).
/// Every write is committed before the caller goes on, so an acknowledged job or change
/// survives the process being killed.
/// </summary>
public sealed class SimStore : IDisposable
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly SqliteConnection _db;
    private readonly Lock _sync = new();

    public SimStore(string path)
    {
        Path = path;
        _db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _db.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("PRAGMA busy_timeout=5000;");
        Execute("""
            CREATE TABLE IF NOT EXISTS objects (kind TEXT NOT NULL, uuid TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (kind, uuid));
            CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY, archived INTEGER NOT NULL DEFAULT 0, json TEXT NOT NULL);
            """);
    }

    public string Path { get; }

    public string JournalMode
    {
        get
        {
            lock (_sync)
            {
                using var cmd = _db.CreateCommand();
                cmd.CommandText = "PRAGMA journal_mode;";
                return (string)cmd.ExecuteScalar()!;
            }
        }
    }

    /// <summary>The stored config, or null for a fresh store.</summary>
    public ClusterState? LoadState()
    {
        lock (_sync)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT kind, json FROM objects";
            using var reader = cmd.ExecuteReader();
            ClusterState? state = null;
            List<OsDefinition> operatingSystems = [];
            while (reader.Read())
            {
                state ??= new ClusterState();
                var json = reader.GetString(1);
                switch (reader.GetString(0))
                {
                    case "cluster":
                        state.Cluster = Deserialize<ClusterConfig>(json);
                        break;
                    case "nodegroup":
                        Add(state.Groups, Deserialize<NodeGroup>(json));
                        break;
                    case "node":
                        Add(state.Nodes, Deserialize<Node>(json));
                        break;
                    case "instance":
                        Add(state.Instances, Deserialize<Instance>(json));
                        break;
                    case "network":
                        Add(state.Networks, Deserialize<Network>(json));
                        break;
                    case "filterrule":
                        Add(state.FilterRules, Deserialize<FilterRule>(json));
                        break;
                    case "os":
                        operatingSystems.Add(Deserialize<OsDefinition>(json));
                        break;
                }
            }

            if (state is not null && operatingSystems.Count > 0)
            {
                state.OperatingSystems = operatingSystems;
            }

            return state;
        }
    }

    /// <summary>Writes every object of the config in one transaction.</summary>
    public void SaveState(ClusterState state)
    {
        lock (_sync)
        {
            using var tx = _db.BeginTransaction();
            Upsert(tx, "cluster", state.Cluster);
            foreach (var g in state.Groups.Values)
            {
                Upsert(tx, "nodegroup", g);
            }

            foreach (var n in state.Nodes.Values)
            {
                Upsert(tx, "node", n);
            }

            foreach (var i in state.Instances.Values)
            {
                Upsert(tx, "instance", i);
            }

            foreach (var n in state.Networks.Values)
            {
                Upsert(tx, "network", n);
            }

            foreach (var f in state.FilterRules.Values)
            {
                Upsert(tx, "filterrule", f);
            }

            foreach (var os in state.OperatingSystems)
            {
                Upsert(tx, "os", os.Name, os);
            }

            tx.Commit();
        }
    }

    /// <summary>Writes the given objects (and deletes the removed ones) in one transaction.</summary>
    public void SaveObjects(IEnumerable<ConfigObject> changed, IEnumerable<ConfigObject>? removed = null)
    {
        lock (_sync)
        {
            using var tx = _db.BeginTransaction();
            foreach (var obj in changed)
            {
                Upsert(tx, KindOf(obj), obj);
            }

            foreach (var obj in removed ?? [])
            {
                using var cmd = _db.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = "DELETE FROM objects WHERE kind = $k AND uuid = $u";
                cmd.Parameters.AddWithValue("$k", KindOf(obj));
                cmd.Parameters.AddWithValue("$u", obj.Uuid);
                cmd.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    public void SaveJob(long id, bool archived, JsonObject json)
    {
        var text = json.ToJsonString();
        lock (_sync)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "INSERT INTO jobs (id, archived, json) VALUES ($id, $a, $j) ON CONFLICT(id) DO UPDATE SET archived = $a, json = $j";
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$a", archived ? 1 : 0);
            cmd.Parameters.AddWithValue("$j", text);
            cmd.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<JsonObject> LoadJobs()
    {
        lock (_sync)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT json FROM jobs ORDER BY id";
            using var reader = cmd.ExecuteReader();
            var jobs = new List<JsonObject>();
            while (reader.Read())
            {
                jobs.Add(JsonNode.Parse(reader.GetString(0))!.AsObject());
            }

            return jobs;
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _db.Dispose();
        }
    }

    private static string KindOf(ConfigObject obj) => obj switch
    {
        ClusterConfig => "cluster",
        NodeGroup => "nodegroup",
        Node => "node",
        Instance => "instance",
        Network => "network",
        FilterRule => "filterrule",
        _ => throw new ArgumentException($"Unknown config object {obj.GetType().Name}", nameof(obj)),
    };

    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)!;

    private static void Add<T>(Dictionary<string, T> map, T obj)
        where T : ConfigObject => map[obj.Uuid] = obj;

    private void Upsert(SqliteTransaction tx, string kind, ConfigObject obj) => Upsert(tx, kind, obj.Uuid, obj);

    private void Upsert(SqliteTransaction tx, string kind, string key, object obj)
    {
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO objects (kind, uuid, json) VALUES ($k, $u, $j) ON CONFLICT(kind, uuid) DO UPDATE SET json = $j";
        cmd.Parameters.AddWithValue("$k", kind);
        cmd.Parameters.AddWithValue("$u", key);
        cmd.Parameters.AddWithValue("$j", JsonSerializer.Serialize(obj, obj.GetType(), Json));
        cmd.ExecuteNonQuery();
    }

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
