namespace Firmware.Kernel.Tests.Support;

/// <summary>
/// Debian packages the tests need, fetched with apt-get download into $XDG_CACHE_HOME/fwtool/debs
/// (default ~/.cache/fwtool/debs) on first use, so a fresh machine passes and a warm one is fast.
/// </summary>
public static class DebCache
{
    private static readonly Lock Gate = new(); // re-entrant: Fetch and EnsureArchitecture share it

    public static string Directory
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg;
            return Path.Combine(root, "fwtool");
        }
    }

    /// <summary>The kernel package linux-image-ARCH depends on (apt-cache depends), e.g. linux-image-6.1.0-57-amd64.</summary>
    public static string KernelPackageName(string arch)
    {
        EnsureArchitecture(arch);
        var result = ProcessRunner.Run("apt-cache", ["depends", $"linux-image-{arch}:{arch}"], "/");
        Assert.True(result.ExitCode == 0, result.ToString());
        var line = result.Stdout.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("Depends: linux-image-", StringComparison.Ordinal));
        return line["Depends: ".Length..].Split(':')[0];
    }

    /// <summary>The .deb of <paramref name="package"/> (optionally NAME:ARCH), downloading it when not cached.</summary>
    public static string Fetch(string package)
    {
        lock (Gate)
        {
            var debs = Path.Combine(Directory, "debs");
            System.IO.Directory.CreateDirectory(debs);
            var name = package.Split(':')[0];
            var arch = package.Contains(':', StringComparison.Ordinal) ? package.Split(':')[1] : "amd64";
            var existing = Find(debs, name, arch);
            if (existing is not null)
            {
                return existing;
            }

            var result = ProcessRunner.Run("apt-get", ["download", "-q", package], debs);
            Assert.True(result.ExitCode == 0, $"apt-get download {package}: {result}");
            return Find(debs, name, arch) ?? throw new InvalidOperationException($"apt-get download {package} left no .deb in {debs}");
        }
    }

    /// <summary>Adds a foreign architecture to dpkg and refreshes the package lists once, so apt-get download NAME:ARCH works (root, as CI runs).</summary>
    private static void EnsureArchitecture(string arch)
    {
        lock (Gate)
        {
            var native = ProcessRunner.Run("dpkg", ["--print-architecture"], "/").Stdout.Trim();
            var foreign = ProcessRunner.Run("dpkg", ["--print-foreign-architectures"], "/").Stdout.Split('\n', StringSplitOptions.TrimEntries);
            if (arch == native || foreign.Contains(arch))
            {
                return;
            }

            var add = ProcessRunner.Run("dpkg", ["--add-architecture", arch], "/");
            Assert.True(add.ExitCode == 0, $"dpkg --add-architecture {arch}: {add}");
            var update = ProcessRunner.Run("apt-get", ["update", "-qq"], "/");
            Assert.True(update.ExitCode == 0, $"apt-get update: {update}");
        }
    }

    private static string? Find(string directory, string name, string arch) =>
        System.IO.Directory.EnumerateFiles(directory, $"{name}_*_{arch}.deb").Order(StringComparer.Ordinal).LastOrDefault();
}
