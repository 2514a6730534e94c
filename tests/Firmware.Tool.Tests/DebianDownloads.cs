namespace Firmware.Tool.Tests;

/// <summary>
/// Debian packages fetched for test images with <c>apt-get download</c> (arm64 ones after
/// <c>dpkg --add-architecture arm64</c> and <c>apt-get update</c>), unpacked with
/// <c>dpkg-deb -x</c>. The .debs are kept under ~/.cache/fw-tests/debs between runs when the
/// machine keeps them; a fresh machine downloads them.
/// </summary>
internal static class DebianDownloads
{
    private static readonly Lock Gate = new();

    /// <summary>The path of <paramref name="file"/> inside <paramref name="package"/> for <paramref name="architecture"/>.</summary>
    public static string Extract(string package, string architecture, string file)
    {
        lock (Gate)
        {
            var cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "fw-tests", "debs", $"{package}_{architecture}");
            var extracted = Path.Combine(cache, "root");
            var target = Path.Combine(extracted, file.TrimStart('/'));
            if (File.Exists(target))
            {
                return target;
            }

            Directory.CreateDirectory(cache);
            var qualified = $"{package}:{architecture}";
            if (Run(cache, "apt-get", "download", qualified).ExitCode != 0)
            {
                // A foreign architecture needs its package lists first.
                Expect(Run(cache, "dpkg", "--add-architecture", architecture));
                Expect(Run(cache, "apt-get", "update", "-qq"));
                Expect(Run(cache, "apt-get", "download", qualified));
            }

            var deb = Directory.GetFiles(cache, $"{package}_*_{architecture}.deb").Single();
            Expect(Run(cache, "dpkg-deb", "-x", deb, extracted));
            Assert.True(File.Exists(target), $"{deb} has no {file}");
            return target;
        }
    }

    private static ProcessResult Run(string directory, string program, params string[] args) => ProcessRunner.Run(program, args, directory);

    private static void Expect(ProcessResult result) => Assert.True(result.ExitCode == 0, result.ToString());
}
