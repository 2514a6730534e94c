using System.Text;

namespace Firmware.Device.Slots;

/// <summary>
/// The kernel command line (/proc/cmdline) as the kernel splits it: parameters separated by
/// blanks, double quotes grouping blanks into a value (Documentation/admin-guide/kernel-parameters.rst).
/// </summary>
internal static class KernelCommandLine
{
    /// <summary>The value of the last <c>name=value</c> parameter called <paramref name="name"/> (the last one wins, as in the kernel), or null.</summary>
    public static string? Value(string commandLine, string name)
    {
        string? value = null;
        foreach (var parameter in Split(commandLine))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && parameter.AsSpan(0, equals).SequenceEqual(name))
            {
                value = parameter[(equals + 1)..];
            }
        }

        return value;
    }

    private static IEnumerable<string> Split(string commandLine)
    {
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in commandLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}
