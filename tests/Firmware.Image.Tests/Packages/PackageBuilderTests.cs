using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Firmware.Image.Packages;
using Firmware.Image.Runtime;
using Firmware.Image.Spec;
using Firmware.Oci.Model;
using Firmware.Oci.Sources;

namespace Firmware.Image.Tests.Packages;

[Trait("Category", "Unit")]
public sealed class PackageBuilderTests : IDisposable
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private readonly ScratchDirectory _scratch = new();

    public PackageBuilderTests()
    {
        var package = _scratch.Of("pkg");
        foreach (var arch in new[] { "amd64", "arm64" })
        {
            Directory.CreateDirectory(Path.Combine(package, "bin", arch));
            File.WriteAllText(Path.Combine(package, "bin", arch, "tool"), $"a binary for {arch}");
        }

        File.WriteAllText(Path.Combine(package, "run.sh"), "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(Path.Combine(package, "run.sh"), (UnixFileMode)0x1E4);
        Directory.CreateDirectory(Path.Combine(package, "etc", "conf.d"));
        File.WriteAllText(Path.Combine(package, "etc", "conf.d", "a.conf"), "a=1\n");
        File.CreateSymbolicLink(Path.Combine(package, "etc", "current"), "conf.d/a.conf");
        File.WriteAllText(Path.Combine(package, "pkg.yml"), """
            name: fw/sample
            architectures: [amd64, arm64]
            entrypoint: ["/usr/bin/tool"]
            cmd: ["--serve"]
            env: [PATH=/bin, MODE=test]
            workdir: /var/lib/sample
            user: "100:101"
            files:
              - source: bin/${arch}/tool
                destination: /usr/bin/tool
                mode: "0755"
              - source: run.sh
                destination: /usr/libexec/sample/run
                uid: 100
                gid: 101
              - source: etc
                destination: /etc/sample
            config:
              readonly: true
              binds: ["/run/sample:/run/sample"]
              capabilities: [CAP_NET_ADMIN]
              oomScoreAdj: -500
              hostname: "sample"
            """);
    }

    public void Dispose() => _scratch.Dispose();

    private PackageBuildRequest Request(string output = "layout", IReadOnlyList<string>? architectures = null) => new()
    {
        Directory = _scratch.Of("pkg"),
        Output = _scratch.Of(output),
        Tag = "dev",
        Architectures = architectures,
        SourceDate = Epoch,
    };

    private static Dictionary<string, TarEntry> Entries(byte[] layer)
    {
        using var reader = new TarReader(new GZipStream(new MemoryStream(layer), CompressionMode.Decompress));
        var entries = new Dictionary<string, TarEntry>();
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            entries[entry.Name] = entry;
        }

        return entries;
    }

    [Fact]
    public async Task BuildsAnIndexWithOneImagePerArchitecture()
    {
        var built = await PackageBuilder.BuildAsync(Request(), CancellationToken.None);
        Assert.Equal(["linux/amd64", "linux/arm64"], built.Images.Select(i => i.Manifest.Platform!.ToString()));
        var source = new OciLayoutSource();
        foreach (var arch in new[] { "amd64", "arm64" })
        {
            var image = await source.ResolveAsync($"{built.Layout}:dev", Platform.Parse(arch), CancellationToken.None);
            Assert.Equal(built.Index.Digest, image.IndexDigest);
            var config = image.Config.Config!;
            Assert.Equal(["/usr/bin/tool"], config.Entrypoint!);
            Assert.Equal(["--serve"], config.Cmd!);
            Assert.Equal(["PATH=/bin", "MODE=test"], config.Env!);
            Assert.Equal("/var/lib/sample", config.WorkingDir);
            Assert.Equal("100:101", config.User);
            Assert.Equal("2023-11-14T22:13:20Z", image.Config.Created);

            await using var blob = await source.OpenBlobAsync(image, image.Layers[0], CancellationToken.None);
            var bytes = await blob.ReadAllAsync(CancellationToken.None);
            var entries = Entries(bytes);
            Assert.Equal($"a binary for {arch}", new StreamReader(entries["usr/bin/tool"].DataStream!).ReadToEnd());
        }
    }

    [Fact]
    public async Task TheLabelCarriesTheConfigSectionAndReadsBackToIt()
    {
        var built = await PackageBuilder.BuildAsync(Request(architectures: ["amd64"]), CancellationToken.None);
        var image = await new OciLayoutSource().ResolveAsync($"{built.Layout}:dev", Platform.LinuxAmd64, CancellationToken.None);
        var label = image.Config.Config!.Labels![MobyConfigLabel.Key];
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(label).RootElement.ValueKind);
        var options = MobyConfigLabel.Parse(label, "built image");
        Assert.Equal(MobyConfigLabel.Write(PackageDefinitionReader.Load(_scratch.Of("pkg")).Config), label);
        Assert.Equal(label, MobyConfigLabel.Write(options));
        Assert.True(options.Readonly);
        Assert.Equal(-500, options.OomScoreAdj);
        Assert.Equal(["CAP_NET_ADMIN"], options.Capabilities!);
    }

    [Fact]
    public async Task OwnersModesTimesAndParentsAreSetAndNothingComesFromTheHost()
    {
        var built = await PackageBuilder.BuildAsync(Request(architectures: ["arm64"]), CancellationToken.None);
        var layer = File.ReadAllBytes(Path.Combine(built.Layout, "blobs", "sha256", built.Images[0].Layer.Digest.Hex));
        var entries = Entries(layer);
        Assert.Equal(
            ["etc/", "etc/sample/", "etc/sample/conf.d/", "etc/sample/conf.d/a.conf", "etc/sample/current", "usr/", "usr/bin/", "usr/bin/tool", "usr/libexec/", "usr/libexec/sample/", "usr/libexec/sample/run"],
            entries.Keys);
        Assert.All(entries.Values, e => Assert.Equal(Epoch, e.ModificationTime));
        Assert.Equal((UnixFileMode)0x1ED, entries["usr/bin/tool"].Mode);
        Assert.Equal((UnixFileMode)0x1E4, entries["usr/libexec/sample/run"].Mode);
        Assert.Equal((100, 101), (entries["usr/libexec/sample/run"].Uid, entries["usr/libexec/sample/run"].Gid));
        Assert.Equal((0, 0, (UnixFileMode)0x1ED), (entries["usr/"].Uid, entries["usr/"].Gid, entries["usr/"].Mode));
        Assert.Equal(TarEntryType.SymbolicLink, entries["etc/sample/current"].EntryType);
        Assert.Equal("conf.d/a.conf", entries["etc/sample/current"].LinkName);
        Assert.All(entries.Values, e => Assert.Equal("", ((PosixTarEntry)e).UserName));
    }

    [Fact]
    public async Task TwoBuildsWriteTheSameBytes()
    {
        var first = await PackageBuilder.BuildAsync(Request("one"), CancellationToken.None);
        var second = await PackageBuilder.BuildAsync(Request("two"), CancellationToken.None);
        Assert.Equal(first.Index, second.Index);
        Assert.Equal(Hashes(first.Layout), Hashes(second.Layout));

        static Dictionary<string, string> Hashes(string layout) => Directory.EnumerateFiles(layout, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(layout, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));
    }

    [Fact]
    public async Task RebuildingReplacesTheLayoutWhole()
    {
        var first = await PackageBuilder.BuildAsync(Request(architectures: ["amd64", "arm64"]), CancellationToken.None);
        var second = await PackageBuilder.BuildAsync(Request(architectures: ["amd64"]), CancellationToken.None);
        Assert.NotEqual(first.Index.Digest, second.Index.Digest);
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(second.Layout, "blobs", "sha256")), f => f.EndsWith(first.Images[1].Layer.Digest.Hex, StringComparison.Ordinal));
        Assert.Empty(Directory.GetDirectories(_scratch.Path, ".layout*"));
    }

    [Fact]
    public async Task AnArchitecturePkgYmlDoesNotListIsAUsageError()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => PackageBuilder.BuildAsync(Request(architectures: ["riscv64"]), CancellationToken.None));
        Assert.Contains("riscv64", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_scratch.Of("layout")));
    }

    [Fact]
    public async Task AMissingSourceNamesTheEntryAndArchitectureAndWritesNothing()
    {
        File.Delete(_scratch.Of("pkg/bin/arm64/tool"));
        var error = await Assert.ThrowsAsync<SpecException>(() => PackageBuilder.BuildAsync(Request(), CancellationToken.None));
        Assert.Equal(SpecError.InvalidPath, error.Error);
        Assert.Equal("files[0].source", error.Key);
        Assert.Contains("arm64", error.Message, StringComparison.Ordinal);
        Assert.Contains("pkg.yml", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_scratch.Of("layout")));
    }

    [Fact]
    public async Task AnOutputThatIsNotALayoutIsNotReplaced()
    {
        Directory.CreateDirectory(_scratch.Of("precious"));
        File.WriteAllText(_scratch.Of("precious/data"), "keep");
        await Assert.ThrowsAsync<IOException>(() => PackageBuilder.BuildAsync(Request("precious"), CancellationToken.None));
        Assert.Equal("keep", File.ReadAllText(_scratch.Of("precious/data")));
    }
}
