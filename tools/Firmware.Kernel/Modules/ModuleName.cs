namespace Firmware.Kernel.Modules;

/// <summary>Module names as the kernel sees them: the file name without <c>.ko[.xz|.zst|.gz]</c>, with <c>-</c> read as <c>_</c> (kmod does the same).</summary>
public static class ModuleName
{
    private static readonly string[] Suffixes = [".ko", ".ko.xz", ".ko.zst", ".ko.gz"];

    /// <summary>Replaces <c>-</c> with <c>_</c>.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Replace('-', '_');
    }

    /// <summary>The module name of a path such as <c>kernel/fs/ext4/ext4.ko</c>, or null when it is not a module file.</summary>
    public static string? FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = path[(path.LastIndexOf('/') + 1)..];
        foreach (var suffix in Suffixes)
        {
            if (file.EndsWith(suffix, StringComparison.Ordinal) && file.Length > suffix.Length)
            {
                return Normalize(file[..^suffix.Length]);
            }
        }

        return null;
    }
}
