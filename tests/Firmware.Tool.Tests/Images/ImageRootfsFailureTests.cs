using System.Formats.Tar;
using System.Text.Json;
using Firmware.Oci.Model;
using Firmware.Oci.Writing;

namespace Firmware.Tool.Tests.Images;

/// <summary>
/// <c>fwtool image rootfs</c> on bad inputs: each fails with exit code 28, an error naming the
/// image, digest or entry, and nothing in --out (nor a work directory beside it).
/// </summary>
[Trait("Category", "Integration")]
[Collection(RootfsGroup.Name)]
public sealed class ImageRootfsFailureTests(RootfsInputs inputs) : IDisposable
{
    private const string Zeros = "0000000000000000000000000000000000000000000000000000000000000000";
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>Builds minimal.yml (or <paramref name="spec"/>) with fw/runc:dev read from <paramref name="runc"/>, a fresh cache, and expects a failure.</summary>
    private string Fails(string arch, string runc, string? spec = null, string runcReference = "fw/runc:dev", string kernel = "layouts/kernel")
    {
        string[] sources = [.. inputs.Sources.Where(s => !s.StartsWith("fw/runc:dev=", StringComparison.Ordinal) && !s.StartsWith("fw/kernel:dev=", StringComparison.Ordinal) && s != "--source")
            .SelectMany(s => new[] { "--source", s }),
            "--source", $"fw/kernel:dev=oci:{inputs.PathOf(kernel)}:dev", "--source", $"{runcReference}={runc}"];
        var result = _cli.Fwtool(Fixture.Epoch, ["image", "rootfs", spec ?? RootfsInputs.MinimalSpec, "--arch", arch, "--out", "out", "--cache", _cli.PathOf("cache"), .. sources]);
        Assert.True(result.ExitCode == 28, result.ToString());
        Assert.False(Directory.Exists(_cli.PathOf("out")), "a failed build left its output");
        Assert.Empty(Directory.GetDirectories(_cli.Directory, ".out.*"));
        return result.Stderr;
    }

    [Fact]
    public void AMissingImageIsNamed()
    {
        var error = Fails("amd64", $"oci:{inputs.PathOf("layouts/runc")}:missing");
        Assert.Contains("missing", error, StringComparison.Ordinal);
        Assert.Contains("NotFound", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImageForAnotherArchitectureIsNamedWithWhatItHas()
    {
        var error = Fails("arm64", $"oci:{inputs.PathOf("layouts/runc")}:dev", kernel: "layouts/kernel-amd64");
        Assert.Contains("PlatformNotFound", error, StringComparison.Ordinal);
        Assert.Contains("layouts/kernel-amd64", error, StringComparison.Ordinal);
        Assert.Contains("linux/arm64", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImageThatIsNotThePinnedDigestIsRefused()
    {
        var spec = _cli.PathOf("pinned.yml");
        File.WriteAllText(spec, File.ReadAllText(RootfsInputs.MinimalSpec).Replace("fw/runc:dev", $"fw/runc@sha256:{Zeros}", StringComparison.Ordinal));
        var error = Fails("amd64", $"oci:{inputs.PathOf("layouts/runc")}:dev", spec, $"fw/runc@sha256:{Zeros}");
        Assert.Contains("DigestMismatch", error, StringComparison.Ordinal);
        Assert.Contains($"sha256:{Zeros}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ALayerThatIsNotItsDigestIsRefused()
    {
        var (layout, layer) = CopyOfRunc();
        var bytes = File.ReadAllBytes(layer);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(layer, bytes);
        var error = Fails("amd64", $"oci:{layout}:dev");
        Assert.Contains("DigestMismatch", error, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(layer), error, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedLayerIsRefused()
    {
        var (layout, layer) = CopyOfRunc();
        var bytes = File.ReadAllBytes(layer);
        File.WriteAllBytes(layer, bytes[..(bytes.Length / 2)]);
        var error = Fails("amd64", $"oci:{layout}:dev");
        Assert.Contains(Path.GetFileName(layer), error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALayerEscapingTheRootIsRefusedNamingTheEntry()
    {
        var layout = _cli.PathOf("escape");
        var writer = new OciLayoutWriter(layout);
        var tar = new MemoryStream();
        using (var tarWriter = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            tarWriter.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "usr/../../escape") { DataStream = new MemoryStream("out"u8.ToArray()) });
        }

        var layer = await writer.WriteBlobAsync(tar.ToArray(), MediaTypes.OciLayer, CancellationToken.None);
        var manifest = await writer.WriteImageAsync(new ImageConfig
        {
            Architecture = "amd64",
            Os = "linux",
            RootFs = new RootFs { Type = "layers", DiffIds = [layer.Digest] },
        }, [layer], CancellationToken.None);
        await writer.WriteIndexJsonAsync([OciLayoutWriter.Tagged(manifest, "dev")], CancellationToken.None);

        var error = Fails("amd64", $"oci:{layout}:dev");
        Assert.Contains("PathEscape", error, StringComparison.Ordinal);
        Assert.Contains("usr/../../escape", error, StringComparison.Ordinal);
        Assert.Contains(layer.Digest.ToString(), error, StringComparison.Ordinal);
    }

    /// <summary>A copy of the runc layout and the path of its amd64 layer blob.</summary>
    private (string Layout, string Layer) CopyOfRunc()
    {
        var layout = _cli.PathOf("runc");
        Fixture.Expect(0, _cli.Peer("cp", "-a", inputs.PathOf("layouts/runc"), layout));
        string Blob(string digest) => Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);
        JsonElement Read(string digest) => JsonDocument.Parse(File.ReadAllText(Blob(digest))).RootElement;
        var index = Read(JsonDocument.Parse(File.ReadAllText(Path.Combine(layout, "index.json"))).RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!);
        var manifest = index.GetProperty("manifests").EnumerateArray().Single(m => m.GetProperty("platform").GetProperty("architecture").GetString() == "amd64");
        return (layout, Blob(Read(manifest.GetProperty("digest").GetString()!).GetProperty("layers")[0].GetProperty("digest").GetString()!));
    }
}
