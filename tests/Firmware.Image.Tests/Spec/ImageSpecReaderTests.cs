using Firmware.Image.Spec;

namespace Firmware.Image.Tests.Spec;

[Trait("Category", "Unit")]
public sealed class ImageSpecReaderTests
{
    [Fact]
    public void A_spec_using_every_key_is_read()
    {
        var spec = ImageSpecReader.Parse(Fixture.Text("spec-full.yml"), "spec-full.yml");

        var kernel = spec.Kernel!;
        Assert.Equal(("registry.example.com:5000", "fw/kernel", "6.1.0-amd64"), (kernel.Image.Domain, kernel.Image.Path, kernel.Image.Tag));
        Assert.Equal(("console=ttyS0 quiet", "boot/vmlinuz", "none", "intel-ucode.cpio"), (kernel.Cmdline, kernel.Binary, kernel.Tar, kernel.Ucode));
        Assert.Equal("fw/init:dev", spec.Init[0].ToString());
        Assert.StartsWith("sha256:0123", spec.Init[1].Digest, StringComparison.Ordinal);
        Assert.Equal(["sysctl", "format", "goodbye", "heartbeat", "getty"], spec.Containers.Select(c => c.Name));
        Assert.Equal([ContainerStage.Onboot, ContainerStage.Onboot, ContainerStage.Onshutdown, ContainerStage.Service, ContainerStage.Service], spec.Containers.Select(c => c.Stage));
        Assert.Equal(["all"], spec.Onboot[1].Options.Capabilities);

        var heartbeat = spec.Services[0].Options;
        Assert.Equal(["CAP_KILL"], heartbeat.CapabilitiesAdd);
        Assert.Equal(
            [("proc", "proc", "/proc"), ("devpts", "devpts", "/dev/pts"), ("tmpfs", "tmpfs", "/dev"), ("tmpfs", "tmpfs", "/run/heartbeat")],
            heartbeat.Mounts!.Select(m => (m.Type, m.Source, m.Destination)));
        Assert.Equal(["/etc/resolv.conf:/etc/resolv.conf:ro", "state:/var/lib/heartbeat"], heartbeat.Binds!.Select(b => b.ToString()));
        Assert.Equal(new IdReference(null, "heartbeat"), heartbeat.Uid);
        Assert.Equal(new IdReference(100, null), heartbeat.Gid);
        Assert.Equal([new IdReference(null, "sysctl"), new IdReference(27, null)], heartbeat.AdditionalGids);
        Assert.Equal(["INTERVAL=10", "EMPTY="], heartbeat.Env);
        Assert.Equal(16777216, heartbeat.Resources!.Memory!.Limit);
        Assert.Equal("/run/netns/heartbeat", heartbeat.Runtime!.BindNamespaces!["net"]);

        Assert.Equal(
            [("/etc/hostname", FileKind.Contents, 0b110_000_000u), ("/etc/motd", FileKind.Source, 0b110_100_100u), ("/var/lib/heartbeat", FileKind.Directory, 0b111_000_000u), ("/etc/localtime", FileKind.Symlink, 0b110_000_000u), ("/etc/linuxkit-config", FileKind.Metadata, 0b100_000_000u)],
            spec.Files.Select(f => (f.Path, f.Kind, f.Mode)));
        Assert.True(spec.Files[1].Optional);
        Assert.Equal(new IdReference(null, "heartbeat"), spec.Files[2].Gid);
        Assert.Equal(IdReference.Root, spec.Files[4].Gid);

        Assert.Equal(("state", null, "filesystem"), (spec.Volumes[0].Name, spec.Volumes[0].Image, spec.Volumes[0].Format));
        Assert.Equal(("oci", true), (spec.Volumes[1].Format, spec.Volumes[1].Readonly));
        Assert.Equal(["fw"], spec.ContentTrust!.Orgs);

        var firmware = spec.Firmware!;
        Assert.Equal("1.4.2", firmware.Version!.Text);
        Assert.Equal(["qemu-x86_64", "rpi4"], firmware.Compatible);
        Assert.Equal("../../keys/trust.json", firmware.Trust);
        Assert.Equal(new DataPartition(256L << 20, "ext4", "/data"), firmware.Data);
    }

    [Fact]
    public void Containers_get_linuxkit_ids_by_name_in_section_order()
    {
        var spec = ImageSpecReader.Parse(Fixture.Text("spec-full.yml"), "spec-full.yml");

        var ids = spec.ContainerIds();

        Assert.Equal([100u, 101u, 102u, 103u, 104u], new[] { "sysctl", "format", "goodbye", "heartbeat", "getty" }.Select(n => ids[n]));
    }

    [Fact]
    public void The_minimal_image_in_the_repository_is_valid()
    {
        var spec = ImageSpecReader.Load(Fixture.Path("images/minimal.yml"));

        Assert.Equal(["fw/init:dev", "fw/libc:dev", "fw/runc:dev"], spec.Init.Select(i => i.ToString()));
        Assert.Equal("prepare", Assert.Single(spec.Onboot).Name);
        Assert.Equal("heartbeat", Assert.Single(spec.Services).Name);
        Assert.Equal(64L << 20, spec.Firmware!.Data!.SizeBytes);
    }

    [Fact]
    public void A_spec_with_only_linuxkit_sections_needs_no_firmware_section()
    {
        var spec = ImageSpecReader.Parse("init: [fw/init:dev]\nservices:\n  - name: getty\n    image: fw/getty:dev\n", "lk.yml");

        Assert.Null(spec.Firmware);
        Assert.Null(spec.Kernel);
        Assert.Same(RuntimeOptions.Empty.GetType(), spec.Services[0].Options.GetType());
        Assert.Null(spec.Services[0].Options.Capabilities);
    }

    [Fact]
    public void Empty_strings_mean_not_set_as_in_linuxkit()
    {
        var options = ImageSpecReader.Parse("services:\n  - name: s\n    image: fw/s:1\n    cwd: \"\"\n    net: \"\"\n    hostname: \"\"\n", "x.yml").Services[0].Options;

        Assert.Equal((null, null, null), (options.Cwd, options.Net, options.Hostname));
    }

    [Fact]
    public void Load_of_a_missing_file_says_so()
    {
        Assert.Throws<FileNotFoundException>(() => ImageSpecReader.Load(Fixture.Path("absent.yml")));
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => ImageSpecReader.Load("")).ParamName);
    }
}
