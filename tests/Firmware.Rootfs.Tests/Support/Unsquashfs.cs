namespace Firmware.Rootfs.Tests.Support;

/// <summary>The real unsquashfs, to read back what mksquashfs wrote.</summary>
public static class Unsquashfs
{
    /// <summary>`unsquashfs -lln`: one line per entry with numeric owners, "squashfs-root" prefix removed, times cut.</summary>
    public static IReadOnlyList<string> List(string image)
    {
        var result = ProcessRunner.Run("unsquashfs", ["-lln", image], Path.GetDirectoryName(image)!);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(Normalize)
            .ToList();
    }

    /// <summary>Extracts <paramref name="paths"/> of <paramref name="image"/> into <paramref name="directory"/>.</summary>
    public static void Extract(string image, string directory, string[] options, string[] paths)
    {
        var result = ProcessRunner.Run("unsquashfs", ["-no-progress", "-d", directory, .. options, image, .. paths], Path.GetDirectoryName(image)!);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    // "-rwsr-xr-x 0/0                       2 2023-11-14 22:13 squashfs-root/bin/su"
    // -> "-rwsr-xr-x 0/0 2 2023-11-14 22:13 /bin/su"
    private static string Normalize(string line)
    {
        var fields = line.Split(" ", 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields[2].EndsWith(','))
        {
            // devices print "major,  minor" as two fields
            fields = line.Split(" ", 7, StringSplitOptions.RemoveEmptyEntries);
            fields = [fields[0], fields[1], fields[2] + fields[3], fields[4], fields[5], fields[6]];
        }

        var path = fields[5]["squashfs-root".Length..];
        return $"{fields[0]} {fields[1]} {fields[2]} {fields[3]} {fields[4]} {(path.Length == 0 ? "/" : path)}";
    }
}
