using System.Text;

namespace Firmware.Rootfs.Tree;

/// <summary>
/// Lexical path normalization with confinement: a name is split on '/', "." and empty components
/// dropped, ".." pops one component and may never pop past the root. Nothing here looks at the
/// tree; symlinks are checked while walking it (<see cref="RootfsTree"/>).
/// </summary>
internal static class TreePath
{
    /// <summary>Longest path accepted (Linux PATH_MAX).</summary>
    public const int MaxPathBytes = 4096;

    /// <summary>Longest component accepted (NAME_MAX, and squashfs's limit).</summary>
    public const int MaxNameBytes = 255;

    /// <summary>The components of <paramref name="name"/> inside the root; empty for the root itself.</summary>
    /// <exception cref="RootfsException">The name escapes the root or is malformed.</exception>
    public static List<string> Split(string name, string source)
    {
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new RootfsException(RootfsError.InvalidName, "name holds a NUL byte", source, name);
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxPathBytes)
        {
            throw new RootfsException(RootfsError.InvalidName, $"path is longer than {MaxPathBytes} bytes", source, name);
        }

        var components = new List<string>();
        foreach (var part in name.Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (components.Count == 0)
                    {
                        throw new RootfsException(RootfsError.PathEscape, "path leaves the root", source, name);
                    }

                    components.RemoveAt(components.Count - 1);
                    continue;
                default:
                    if (Encoding.UTF8.GetByteCount(part) > MaxNameBytes)
                    {
                        throw new RootfsException(RootfsError.InvalidName, $"a component is longer than {MaxNameBytes} bytes", source, name);
                    }

                    components.Add(part);
                    continue;
            }
        }

        return components;
    }

    /// <summary>"/a/b" for ["a", "b"]; "/" for none.</summary>
    public static string Join(IEnumerable<string> components) => "/" + string.Join('/', components);
}
