using System.Diagnostics;
using System.Globalization;
using Firmware.Bundles;

namespace Firmware.Core.Tests.Tar;

/// <summary>Bundles are plain ustar archives: the system's tar reads them.</summary>
[Trait("Category", "Unit")]
public sealed class SystemTarTests(Scenario scenario) : IClassFixture<Scenario>, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"bundle-{Guid.NewGuid():N}.tar");

    [Fact]
    public void Tar_lists_every_entry_with_its_size_in_bundle_order()
    {
        File.WriteAllBytes(_path, scenario.Bundle);

        var lines = Tar("tvf", _path).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // "-rw-r--r-- root/root 7200 2023-11-14 22:13 manifest.json"
        var listed = lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (Name: f[^1], Size: long.Parse(f[2], CultureInfo.InvariantCulture), Mode: f[0], Owner: f[1]))
            .ToList();
        Assert.Equal(scenario.Layout.Entries.Select(e => (e.Name, e.Size)), listed.Select(l => (l.Name, l.Size)));
        Assert.Equal(
            ["manifest.json", "manifest.sig", "trust/2.json", "payloads/kernel", "payloads/rootfs"],
            listed.Select(l => l.Name));
        Assert.Equal(scenario.KernelManifest.StoredSize, listed[3].Size);
        Assert.All(listed, l => Assert.Equal(("-rw-r--r--", "root/root"), (l.Mode, l.Owner)));
    }

    [Fact]
    public void Tar_extracts_the_manifest_bytes_exactly()
    {
        File.WriteAllBytes(_path, scenario.Bundle);

        var manifest = TarBytes("xOf", _path, BundleEntryNames.Manifest);

        Assert.Equal(scenario.ManifestBytes, manifest);
        Assert.Equal(ManifestRules.Serialize(scenario.Manifest), manifest);
    }

    [Fact]
    public void Tar_extracts_a_payload_as_its_stored_chunks()
    {
        File.WriteAllBytes(_path, scenario.Bundle);

        Assert.Equal(scenario.RootfsStored, TarBytes("xOf", _path, Scenario.RootfsEntry));
    }

    public void Dispose() => File.Delete(_path);

    private static string Tar(params string[] arguments) => System.Text.Encoding.UTF8.GetString(TarBytes(arguments));

    private static byte[] TarBytes(params string[] arguments)
    {
        var start = new ProcessStartInfo("tar") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["TZ"] = "UTC";
        start.Environment["LC_ALL"] = "C";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"tar {string.Join(' ', arguments)} failed: {error.Result}");
        return output.ToArray();
    }
}
