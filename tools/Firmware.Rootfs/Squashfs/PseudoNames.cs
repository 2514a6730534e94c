using System.Text;

namespace Firmware.Rootfs.Squashfs;

/// <summary>
/// Spelling of names in a mksquashfs pseudo file (squashfs-tools pseudo.c, read_pseudo_def):
/// a backslash escapes the next character, whitespace ends the name, and a line ends at '\n',
/// so a name holding a newline cannot be written at all.
/// </summary>
internal static class PseudoNames
{
    /// <summary>The path without its leading '/', every space, quote and backslash escaped.</summary>
    public static string Escape(string path)
    {
        if (path.Contains('\n', StringComparison.Ordinal))
        {
            throw new RootfsException(RootfsError.NotRepresentable, "a name holding a newline cannot be written to a pseudo file", "squashfs", path);
        }

        var text = new StringBuilder(path.Length + 8);
        foreach (var c in path.AsSpan(1))
        {
            if (char.IsWhiteSpace(c) || c is '"' or '\\')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.ToString();
    }

    /// <summary>
    /// A symlink target is the rest of its line, verbatim: it cannot start with whitespace (the
    /// field separator), hold a newline, or end in a backslash (a line continuation).
    /// </summary>
    public static string Target(string target, string path) =>
        target.Length == 0 || char.IsWhiteSpace(target[0]) || target.Contains('\n', StringComparison.Ordinal) || target.EndsWith('\\')
            ? throw new RootfsException(RootfsError.NotRepresentable, $"symlink target '{target}' cannot be written to a pseudo file", "squashfs", path)
            : target;
}
