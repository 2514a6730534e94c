using System.Text;

namespace Firmware.Fleet.Host.Access;

/// <summary>
/// Renders an <see cref="AccessPolicy"/> as Mosquitto's ACL file (mosquitto.conf(5),
/// <c>acl_file</c>): device rules as <c>pattern</c> lines, where Mosquitto substitutes the
/// client's username for <c>%u</c>, and each controller's rules under its <c>user</c> line.
/// Mosquitto denies whatever no line grants, as the embedded broker does.
/// </summary>
public static class AclFile
{
    /// <summary>The ACL file's text.</summary>
    public static string Write(AccessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var text = new StringBuilder();
        text.Append("# Fleet access rules (docs/fleet.md). A device's username is its device id (%u).\n");
        text.Append("# Anything not granted here is denied.\n\n# devices\n");
        foreach (var rule in policy.Rules.Where(r => r.ForDevices))
        {
            text.Append("pattern ").Append(Word(rule.Kind)).Append(' ').Append(rule.Pattern).Append('\n');
        }

        foreach (var controller in policy.Controllers.Order(StringComparer.Ordinal))
        {
            text.Append("\n# controller\nuser ").Append(controller).Append('\n');
            foreach (var rule in policy.Rules.Where(r => !r.ForDevices))
            {
                text.Append("topic ").Append(Word(rule.Kind)).Append(' ').Append(rule.Pattern).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Word(AccessKind kind) => kind switch
    {
        AccessKind.Read => "read",
        AccessKind.Write => "write",
        _ => "readwrite",
    };
}
