using System.Text.Json;
using Firmware.Oci.Model;
using Firmware.Oci.Sources;

namespace Firmware.Oci.Tests.Sources;

/// <summary>Layouts written here, read by skopeo and umoci; archives and layouts they write, read here.</summary>
[Trait("Category", "Integration")]
public sealed class PeerToolTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private ProcessResult Run(string program, params string[] args)
    {
        var result = ProcessRunner.Run(program, args, _scratch.Path);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', args)}\n{result}");
        return result;
    }

    [Fact]
    public async Task SkopeoInspectsOurMultiArchLayout()
    {
        var (index, _) = await TestImages.WriteMultiArchAsync(_scratch.Of("layout"), "v1", Platform.LinuxAmd64, Platform.LinuxArm64);
        var raw = Run("skopeo", "inspect", "--raw", "oci:layout:v1").Stdout;
        Assert.Equal(2, JsonDocument.Parse(raw).RootElement.GetProperty("manifests").GetArrayLength());
        var arm = JsonDocument.Parse(Run("skopeo", "--override-arch", "arm64", "inspect", "oci:layout:v1").Stdout).RootElement;
        Assert.Equal("arm64", arm.GetProperty("Architecture").GetString());
        // skopeo reports the digest of what the tag names: our index.
        Assert.Equal(index.Digest.ToString(), arm.GetProperty("Digest").GetString());
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public async Task ADockerArchiveSkopeoWroteFromOurLayoutReadsBack(string architecture)
    {
        await TestImages.WriteMultiArchAsync(_scratch.Of("layout"), "v1", Platform.LinuxAmd64, Platform.LinuxArm64);
        Run("skopeo", "--override-arch", architecture, "copy", "oci:layout:v1", "docker-archive:image.tar:fw/app:v1");
        var source = new DockerArchiveSource();
        var image = await source.ResolveAsync(_scratch.Of("image.tar") + ":fw/app:v1", Platform.Parse(architecture), CancellationToken.None);
        Assert.Equal(architecture, image.Config.Architecture);
        Assert.Equal(["-c", "cat /etc/arch"], image.Config.Config!.Cmd!);
        var layer = await TestImages.ReadBlobAsync(source, image, Assert.Single(image.Layers));
        Assert.Equal(image.Config.RootFs.DiffIds[0], Digest.Sha256(layer));

        var wrongArch = await Assert.ThrowsAsync<OciException>(() => source.ResolveAsync(_scratch.Of("image.tar"), Platform.Parse(architecture == "amd64" ? "arm64" : "amd64"), CancellationToken.None));
        Assert.Equal(OciError.PlatformNotFound, wrongArch.Error);
        var wrongTag = await Assert.ThrowsAsync<OciException>(() => source.ResolveAsync(_scratch.Of("image.tar") + ":fw/app:v2", Platform.Parse(architecture), CancellationToken.None));
        Assert.Equal(OciError.NotFound, wrongTag.Error);
    }

    [Fact]
    public async Task AnOciArchiveSkopeoWroteReadsBackWithAllPlatforms()
    {
        var (_, manifests) = await TestImages.WriteMultiArchAsync(_scratch.Of("layout"), "v1", Platform.LinuxAmd64, Platform.LinuxArm64);
        Run("skopeo", "copy", "--all", "oci:layout:v1", "oci-archive:image.tar:v1");
        var source = new OciArchiveSource();
        var arm = await source.ResolveAsync(_scratch.Of("image.tar") + ":v1", Platform.LinuxArm64, CancellationToken.None);
        Assert.Equal(manifests[1].Digest, arm.ManifestDescriptor.Digest);
        Assert.Equal("arm64\n", TestImages.FileInLayer(await TestImages.ReadBlobAsync(source, arm, arm.Layers[0]), "etc/arch"));
    }

    [Fact]
    public async Task UmociUnpacksOurImageCheckingEveryDigest()
    {
        await TestImages.WriteSingleAsync(_scratch.Of("layout"), "v1", Platform.LinuxAmd64);
        Assert.Contains("v1", Run("umoci", "ls", "--layout", "layout").Stdout, StringComparison.Ordinal);
        Run("umoci", "unpack", "--rootless", "--image", "layout:v1", "bundle");
        Assert.Equal("amd64\n", File.ReadAllText(_scratch.Of("bundle/rootfs/etc/arch")));
        Assert.Equal("busybox", new FileInfo(_scratch.Of("bundle/rootfs/bin/sh")).LinkTarget);
    }

    [Fact]
    public async Task AnImageUmociMadeResolvesAndReads()
    {
        Run("umoci", "init", "--layout", "made");
        Run("umoci", "new", "--image", "made:v1");
        Run("umoci", "config", "--image", "made:v1", "--config.cmd", "/bin/heartbeat", "--config.label", "org.mobyproject.config={}");
        Run("umoci", "unpack", "--rootless", "--image", "made:v1", "bundle");
        File.WriteAllText(_scratch.Of("bundle/rootfs/hello"), "from umoci\n");
        Run("umoci", "repack", "--image", "made:v1", "bundle");
        var source = new OciLayoutSource();
        var image = await source.ResolveAsync(_scratch.Of("made") + ":v1", Platform.LinuxAmd64, CancellationToken.None);
        Assert.Equal(["/bin/heartbeat"], image.Config.Config!.Cmd!);
        Assert.Equal("{}", image.Config.Config.Labels!["org.mobyproject.config"]);
        var layer = await TestImages.ReadBlobAsync(source, image, image.Layers[^1]);
        Assert.Equal("from umoci\n", TestImages.FileInLayer(layer, "hello"));
    }
}
