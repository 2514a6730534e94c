using System.Text;
using System.Text.Json;
using Firmware.Image.Build;
using Firmware.Image.Spec;
using Firmware.Oci;
using Firmware.Oci.Model;
using Firmware.Oci.Sources;
using Firmware.Oci.Writing;

namespace Firmware.Image.Tests.Build;

/// <summary>The planner over a layout written by the toolkit's own writer: what it resolves, generates and records.</summary>
[Trait("Category", "Unit")]
public sealed class RootfsPlannerTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private async Task<Descriptor> WriteLayoutAsync()
    {
        var writer = new OciLayoutWriter(_scratch.Of("layout"));
        var manifests = new List<Descriptor>();
        foreach (var platform in new[] { Platform.LinuxAmd64, Platform.LinuxArm64 })
        {
            var layer = await writer.WriteLayerAsync(
            [
                new LayerEntry { Path = "bin", Kind = LayerEntryKind.Directory, Mode = (UnixFileMode)0x1ED },
                new LayerEntry { Path = "bin/tool", Kind = LayerEntryKind.File, Mode = (UnixFileMode)0x1ED, OpenContent = () => new MemoryStream(Encoding.UTF8.GetBytes(platform.Architecture)) },
            ], DateTimeOffset.UnixEpoch, CancellationToken.None);
            manifests.Add(await writer.WriteImageAsync(new ImageConfig
            {
                Architecture = platform.Architecture,
                Os = "linux",
                Config = new ContainerConfig
                {
                    Cmd = ["/bin/tool"],
                    Env = ["PATH=/bin"],
                    Labels = new Dictionary<string, string> { ["org.mobyproject.config"] = """{"readonly":true,"capabilities":["CAP_NET_ADMIN"]}""" },
                },
                RootFs = new RootFs { Type = "layers", DiffIds = [layer.DiffId] },
            }, [layer.Descriptor], CancellationToken.None));
        }

        var index = await writer.WriteIndexAsync(manifests, CancellationToken.None);
        await writer.WriteIndexJsonAsync([OciLayoutWriter.Tagged(index, "dev")], CancellationToken.None);
        return index;
    }

    private Task<RootfsPlan> PlanAsync(string yaml, Platform platform, params string[] pins)
    {
        var spec = ImageSpecReader.Parse(yaml, _scratch.Of("spec.yml"));
        var layout = $"oci:{_scratch.Of("layout")}:dev";
        var map = ImageSourceMap.Parse(spec.Containers.Select(c => c.Image).Concat(spec.Init).Append(spec.Kernel!.Image)
            .Select(r => r.ToString()).Distinct().Select(r => $"{r}={layout}"));
        return new RootfsPlanner(new ImageSources([new OciLayoutSource()]))
            .PlanAsync(new RootfsBuildRequest { Spec = spec, Platform = platform, Sources = map, SourceDateEpoch = 1_700_000_000 }, CancellationToken.None);
    }

    private const string Spec = """
        kernel:
          image: fw/kernel:dev
        init: [fw/init:dev]
        onboot:
          - name: prepare
            image: fw/tool:dev
            command: ["/bin/tool", "prepare"]
        services:
          - name: daemon
            image: fw/tool:dev
            runtime:
              mkdir: [/var/lib/daemon]
        files:
          - path: var/lib/daemon
            directory: true
            uid: daemon
            gid: prepare
          - path: etc/motd
            contents: "hello\n"
            mode: "0644"
        """;

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public async Task EveryImageIsResolvedForThePlatformAndTheKernelIsRecorded(string architecture)
    {
        await WriteLayoutAsync();
        var plan = await PlanAsync(Spec, Platform.Parse("linux/" + architecture));

        Assert.All(plan.Images, i => Assert.Equal(architecture, i.Resolved.Platform.Architecture));
        Assert.Equal(ImageRole.Kernel, plan.Kernel!.Role);
        Assert.Equal(["prepare", "daemon"], plan.Containers.Select(c => c.Spec.Name));
        Assert.Equal(4, plan.Images.Count()); // kernel, init, two containers
        Assert.Single(plan.Images.Select(i => i.Resolved.ManifestDescriptor.Digest).Distinct());
    }

    [Fact]
    public async Task ConfigsComeFromTheSpecOverTheLabelOverTheImage()
    {
        await WriteLayoutAsync();
        var plan = await PlanAsync(Spec, Platform.LinuxAmd64);

        var prepare = JsonDocument.Parse(plan.Containers[0].ConfigJson).RootElement;
        var daemon = JsonDocument.Parse(plan.Containers[1].ConfigJson).RootElement;
        Assert.Equal("prepare", prepare.GetProperty("process").GetProperty("args")[1].GetString());
        Assert.Equal("/bin/tool", daemon.GetProperty("process").GetProperty("args").EnumerateArray().Single().GetString());
        Assert.Equal("PATH=/bin", daemon.GetProperty("process").GetProperty("env")[0].GetString());
        Assert.True(daemon.GetProperty("root").GetProperty("readonly").GetBoolean());
        Assert.Equal("CAP_NET_ADMIN", daemon.GetProperty("process").GetProperty("capabilities").GetProperty("bounding")[0].GetString());
        Assert.Equal(0, JsonDocument.Parse(plan.Containers[0].RuntimeJson).RootElement.GetProperty("mkdir").GetArrayLength());
        Assert.Equal("/var/lib/daemon", JsonDocument.Parse(plan.Containers[1].RuntimeJson).RootElement.GetProperty("mkdir").EnumerateArray().Single().GetString());
        Assert.Equal((byte)'\n', plan.Containers[1].RuntimeJson[^1]);
    }

    [Fact]
    public async Task FileOwnersNamedByContainerAreLinuxKitsIds()
    {
        await WriteLayoutAsync();
        var plan = await PlanAsync(Spec, Platform.LinuxAmd64);

        Assert.Equal((101, 100), (plan.Files[0].Uid, plan.Files[0].Gid));
        Assert.Null(plan.Files[0].Contents);
        Assert.Equal("hello\n"u8.ToArray(), plan.Files[1].Contents);
    }

    [Fact]
    public async Task APinnedDigestMatchesTheIndexOrTheImageIsRefused()
    {
        var index = await WriteLayoutAsync();
        var pinned = await PlanAsync(Spec.Replace("fw/init:dev", $"fw/init@{index.Digest}", StringComparison.Ordinal), Platform.LinuxAmd64);
        Assert.Equal(index.Digest, pinned.Init[0].Resolved.IndexDigest);

        var wrong = "sha256:" + new string('0', 64);
        var error = await Assert.ThrowsAsync<OciException>(() => PlanAsync(Spec.Replace("fw/init:dev", $"fw/init@{wrong}", StringComparison.Ordinal), Platform.LinuxAmd64));
        Assert.Equal(OciError.DigestMismatch, error.Error);
        Assert.Contains(wrong, error.Message, StringComparison.Ordinal);
    }
}
