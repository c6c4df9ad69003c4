using System.Runtime.CompilerServices;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Query;

/// <summary>
/// Config objects in luxid's output order (nicely sorted by name), remembered between
/// queries while the same objects keep the same names, so a query of a large cluster does
/// not sort again each time. Callers hold <see cref="ClusterState.Sync"/>.
/// </summary>
public static class NiceOrder
{
    private static readonly ConditionalWeakTable<object, object> Cache = [];

    public static IReadOnlyList<T> Of<T>(Dictionary<string, T> objects, Func<T, string> nameOf)
        where T : ConfigObject
    {
        if (Cache.TryGetValue(objects, out var cached) && cached is Sorted<T> sorted && sorted.StillValid(objects, nameOf))
        {
            return sorted.Items;
        }

        var items = objects.Values.OrderBy(nameOf, NiceSort.Instance).ToArray();
        Cache.AddOrUpdate(objects, new Sorted<T>(items, [.. items.Select(nameOf)]));
        return items;
    }

    private sealed class Sorted<T>(T[] items, string[] names)
        where T : ConfigObject
    {
        public T[] Items => items;

        public bool StillValid(Dictionary<string, T> objects, Func<T, string> nameOf)
        {
            if (objects.Count != items.Length)
            {
                return false;
            }

            for (var i = 0; i < items.Length; i++)
            {
                if (!objects.TryGetValue(items[i].Uuid, out var current) || !ReferenceEquals(current, items[i]) || !string.Equals(nameOf(current), names[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
