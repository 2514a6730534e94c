using System.Formats.Tar;
using Firmware.Oci.Model;
using Firmware.Oci.Sources;

namespace Firmware.Oci.Tests.Sources;

[Trait("Category", "Unit")]
public sealed class LayoutSourceTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private static Platform Arm64V8 => new() { Os = "linux", Architecture = "arm64", Variant = "v8" };

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public async Task ResolvesEachPlatformOfAMultiArchLayoutAndReadsItsLayer(string architecture)
    {
        var layout = _scratch.Of("layout");
        var (index, manifests) = await TestImages.WriteMultiArchAsync(layout, "v1", Platform.LinuxAmd64, Arm64V8);
        var source = new OciLayoutSource();
        var image = await source.ResolveAsync($"{layout}:v1", Platform.Parse(architecture), CancellationToken.None);
        Assert.Equal(index.Digest, image.IndexDigest);
        Assert.Equal(manifests[architecture == "amd64" ? 0 : 1].Digest, image.ManifestDescriptor.Digest);
        Assert.Equal(architecture, image.Config.Architecture);
        Assert.Equal(["/bin/sh"], image.Config.Config!.Entrypoint!);
        var layer = await TestImages.ReadBlobAsync(source, image, Assert.Single(image.Layers));
        Assert.Equal(architecture + "\n", TestImages.FileInLayer(layer, "etc/arch"));
    }

    [Fact]
    public async Task ASinglePlatformImageResolvesWithoutAnIndex()
    {
        var layout = _scratch.Of("single");
        var manifest = await TestImages.WriteSingleAsync(layout, "latest", Platform.LinuxArm64);
        var image = await new OciLayoutSource().ResolveAsync(layout, Arm64V8, CancellationToken.None);
        Assert.Null(image.IndexDigest);
        Assert.Equal(manifest.Digest, image.ManifestDescriptor.Digest);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData(null)]
    public async Task PerPlatformEntriesInIndexJsonAreSelectedFrom(string? tag)
    {
        // Some tools tag one index.json entry per platform, all with the same name.
        var layout = _scratch.Of("flat");
        var writer = new Firmware.Oci.Writing.OciLayoutWriter(layout);
        var amd = await TestImages.WriteImageAsync(writer, Platform.LinuxAmd64);
        var arm = await TestImages.WriteImageAsync(writer, Platform.LinuxArm64);
        await writer.WriteIndexJsonAsync([Firmware.Oci.Writing.OciLayoutWriter.Tagged(amd, "v1"), Firmware.Oci.Writing.OciLayoutWriter.Tagged(arm, "v1")], CancellationToken.None);
        var location = tag is null ? layout : $"{layout}:{tag}";
        var image = await new OciLayoutSource().ResolveAsync(location, Platform.LinuxArm64, CancellationToken.None);
        Assert.Equal(arm.Digest, image.ManifestDescriptor.Digest);
    }

    [Fact]
    public async Task TheWrongArchitectureIsAClearError()
    {
        var layout = _scratch.Of("layout");
        await TestImages.WriteMultiArchAsync(layout, "v1", Platform.LinuxAmd64);
        var error = await Assert.ThrowsAsync<OciException>(() => new OciLayoutSource().ResolveAsync($"{layout}:v1", Platform.LinuxArm64, CancellationToken.None));
        Assert.Equal(OciError.PlatformNotFound, error.Error);
        Assert.Contains("linux/arm64", error.Message, StringComparison.Ordinal);
        Assert.Contains("linux/amd64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASinglePlatformImageOfAnotherArchitectureIsRejectedByItsConfig()
    {
        var layout = _scratch.Of("single");
        await TestImages.WriteSingleAsync(layout, "latest", Platform.LinuxAmd64);
        var error = await Assert.ThrowsAsync<OciException>(() => new OciLayoutSource().ResolveAsync(layout, Platform.LinuxArm64, CancellationToken.None));
        Assert.Equal(OciError.PlatformNotFound, error.Error);
    }

    [Fact]
    public async Task AMissingTagOrLayoutIsNotFound()
    {
        var layout = _scratch.Of("layout");
        await TestImages.WriteMultiArchAsync(layout, "v1", Platform.LinuxAmd64);
        var missingTag = await Assert.ThrowsAsync<OciException>(() => new OciLayoutSource().ResolveAsync($"{layout}:v2", Platform.LinuxAmd64, CancellationToken.None));
        Assert.Equal(OciError.NotFound, missingTag.Error);
        Assert.Contains("'v2'", missingTag.Message, StringComparison.Ordinal);
        var missingDir = await Assert.ThrowsAsync<OciException>(() => new OciLayoutSource().ResolveAsync(_scratch.Of("nope") + ":v1", Platform.LinuxAmd64, CancellationToken.None));
        Assert.Equal(OciError.NotFound, missingDir.Error);
    }

    [Fact]
    public async Task ACorruptLayerFailsItsDigestWhileRead()
    {
        var layout = _scratch.Of("layout");
        await TestImages.WriteMultiArchAsync(layout, "v1", Platform.LinuxAmd64);
        var source = new OciLayoutSource();
        var image = await source.ResolveAsync($"{layout}:v1", Platform.LinuxAmd64, CancellationToken.None);
        var path = Path.Combine(layout, "blobs", "sha256", image.Layers[0].Digest.Hex);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(path, bytes);
        var error = await Assert.ThrowsAsync<OciException>(() => TestImages.ReadBlobAsync(source, image, image.Layers[0]));
        Assert.Equal(OciError.DigestMismatch, error.Error);
        Assert.Contains(image.Layers[0].Digest.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACorruptManifestIsRejectedWhenResolving()
    {
        var layout = _scratch.Of("layout");
        var (_, manifests) = await TestImages.WriteMultiArchAsync(layout, "v1", Platform.LinuxAmd64);
        File.AppendAllText(Path.Combine(layout, "blobs", "sha256", manifests[0].Digest.Hex), " ");
        var error = await Assert.ThrowsAsync<OciException>(() => new OciLayoutSource().ResolveAsync($"{layout}:v1", Platform.LinuxAmd64, CancellationToken.None));
        Assert.Equal(OciError.Oversized, error.Error);
    }

    [Fact]
    public async Task ADirectoryWithoutTheLayoutMarkerIsNotALayout()
    {
        Directory.CreateDirectory(_scratch.Of("empty"));
        var error = await Assert.ThrowsAsync<OciException>(() => new OciLayoutSource().ResolveAsync(_scratch.Of("empty"), Platform.LinuxAmd64, CancellationToken.None));
        Assert.Equal(OciError.InvalidLayout, error.Error);
        Assert.Contains("oci-layout", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public async Task AnOciArchiveReadsLikeTheLayoutItPacks(string architecture)
    {
        var layout = _scratch.Of("layout");
        var (_, manifests) = await TestImages.WriteMultiArchAsync(layout, "v1", Platform.LinuxAmd64, Platform.LinuxArm64);
        var archive = _scratch.Of("image.tar");
        await TarFile.CreateFromDirectoryAsync(layout, archive, includeBaseDirectory: false);
        var source = new OciArchiveSource();
        var image = await source.ResolveAsync($"{archive}:v1", Platform.Parse(architecture), CancellationToken.None);
        Assert.Equal(manifests[architecture == "amd64" ? 0 : 1].Digest, image.ManifestDescriptor.Digest);
        var layer = await TestImages.ReadBlobAsync(source, image, image.Layers[0]);
        Assert.Equal(architecture + "\n", TestImages.FileInLayer(layer, "etc/arch"));
    }

    [Fact]
    public async Task AnArchiveThatIsNotATarIsRejected()
    {
        File.WriteAllBytes(_scratch.Of("junk.tar"), new byte[1000].Select((_, i) => (byte)i).ToArray());
        var error = await Assert.ThrowsAsync<OciException>(() => new OciArchiveSource().ResolveAsync(_scratch.Of("junk.tar"), Platform.LinuxAmd64, CancellationToken.None));
        Assert.Equal(OciError.InvalidLayout, error.Error);
    }

    [Fact]
    public void SourcesAreFoundByTransportName()
    {
        var sources = new ImageSources([new OciLayoutSource(), new OciArchiveSource(), new DockerArchiveSource()]);
        Assert.Equal(("oci-archive", "/x.tar:v1"), Name(sources.Parse("oci-archive:/x.tar:v1")));
        Assert.Equal(("oci", "dir:tag"), Name(sources.Parse("oci:dir:tag")));
        var unknown = Assert.Throws<OciException>(() => sources.Parse("busybox:latest"));
        Assert.Contains("docker", unknown.Message, StringComparison.Ordinal);

        static (string, string) Name((IImageSource Source, string Location) parsed) => (parsed.Source.Name, parsed.Location);
    }
}
