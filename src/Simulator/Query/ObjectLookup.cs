using Ganeti.Domain.Errors;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Query;

/// <summary>
/// Looks objects up by uuid or name the way luxid's config does (Config.hs getItem): the
/// uuid, else the exact name, else a unique short name ("web1" for "web1.example.com");
/// otherwise OpPrereqError "&lt;Kind&gt; name X not found" / "has multiple matches".
/// </summary>
public static class ObjectLookup
{
    public static T ByName<T>(string kind, IEnumerable<T> items, string name, Func<T, string> nameOf)
        where T : ConfigObject
    {
        T? partial = default;
        var partials = 0;
        foreach (var item in items)
        {
            if (item.Uuid == name)
            {
                return item;
            }
        }

        foreach (var item in items)
        {
            var itemName = nameOf(item);
            if (itemName == name)
            {
                return item;
            }

            if (itemName.Length > name.Length && itemName.StartsWith(name, StringComparison.Ordinal) && itemName[name.Length] == '.')
            {
                partial = item;
                partials++;
            }
        }

        return partials switch
        {
            1 => partial!,
            0 => throw SimError.Prereq($"{kind} name {name} not found", ErrorCode.NoEntity),
            _ => throw SimError.Prereq($"{kind} name {name} has multiple matches", ErrorCode.NoEntity),
        };
    }
}
