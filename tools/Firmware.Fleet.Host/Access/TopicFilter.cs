namespace Firmware.Fleet.Host.Access;

/// <summary>
/// MQTT topic filter arithmetic (MQTT 5.0 §4.7): whether one filter admits every topic another
/// could match. Access rules are filters, so a subscription is allowed only when a rule covers all
/// it could ever deliver, and a publish only when a rule covers its topic.
/// </summary>
public static class TopicFilter
{
    /// <summary>
    /// True when every topic that <paramref name="filter"/> matches is also matched by
    /// <paramref name="allowed"/>. A topic name (no wildcards) is a filter matching itself.
    /// </summary>
    public static bool Covers(string allowed, string filter)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        ArgumentNullException.ThrowIfNull(filter);
        var a = allowed.Split('/');
        var f = filter.Split('/');
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == "#")
            {
                // '#' also matches the parent level itself (§4.7.1.2), and anything below it.
                return true;
            }

            if (i >= f.Length)
            {
                return false;
            }

            if (f[i] == "#")
            {
                return false;
            }

            if (a[i] == "+")
            {
                continue;
            }

            if (a[i] != f[i] || f[i] == "+")
            {
                return false;
            }
        }

        return a.Length == f.Length;
    }
}
