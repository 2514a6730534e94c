using Firmware.Image.Packages;
using Firmware.Image.Spec;

namespace Firmware.Image.Tests.Packages;

[Trait("Category", "Unit")]
public sealed class PackageDefinitionReaderTests
{
    [Fact]
    public void A_package_using_every_key_is_read()
    {
        var package = PackageDefinitionReader.Parse(Fixture.Text("pkg-full.yml"), "pkg-full.yml");

        Assert.Equal("fw/netwatch", package.Name);
        Assert.Equal(["amd64", "arm64"], package.Architectures);
        Assert.Equal(["/sbin/tini", "--"], package.Entrypoint);
        Assert.Equal(["/usr/bin/netwatch", "--interval", "5"], package.Cmd);
        Assert.Equal("MODE=watch", package.Env![1]);
        Assert.Equal("/var/lib/netwatch", package.Workdir);
        Assert.Equal("1000:1000", package.User);
        Assert.Equal(
            [new PackageFile("bin/netwatch", "/usr/bin/netwatch", 0, 0, 0b111_101_101), new PackageFile("netwatch.conf", "/etc/netwatch.conf", 1000, 1000, 0b110_100_000), new PackageFile("README", "/usr/share/doc/netwatch/README", 0, 0, null)],
            package.Files);

        var config = package.Config;
        Assert.Equal(["CAP_NET_ADMIN", "CAP_NET_RAW"], config.Capabilities);
        Assert.Equal(["CAP_SYS_TIME"], config.CapabilitiesAdd);
        Assert.Equal(["CAP_NET_ADMIN"], config.Ambient);
        Assert.Equal(("cgroup", "cgroup", "/sys/fs/cgroup"), (config.Mounts![0].Type, config.Mounts[0].Source, config.Mounts[0].Destination));
        Assert.Equal(100000u, config.Mounts[1].UidMappings![0].HostId);
        Assert.Equal("/var/log:/var/log:rw,rshared", config.Binds![1].ToString());
        Assert.Equal(["rw", "rshared"], config.Binds[1].Options);
        Assert.Null(config.Binds[0].Options);
        Assert.Equal("/lib/modules:/lib/modules:ro", config.BindsAdd![0].ToString());
        Assert.Equal(new DeviceNode("/dev/net/tun", "c", 10, 200, 0b110_110_110), config.Devices![0]);
        Assert.Equal(new DeviceNode("all", "b", -1, -1, null), config.Devices[1]);
        Assert.Equal("/tmp:size=16m,mode=1777", config.Tmpfs![0].ToString());
        Assert.Empty(config.Tmpfs[1].Options);
        Assert.Equal(["/usr/bin/netwatch", "--once"], config.Command);
        Assert.Equal(("/var/lib/netwatch", "host", "new", "/run/netns/ipc", "new", "host"), (config.Cwd, config.Net, config.Pid, config.Ipc, config.Uts, config.Userns));
        Assert.Equal("netwatch-1", config.Hostname);
        Assert.True(config.Readonly);
        Assert.Equal(["/proc/kcore"], config.MaskedPaths);
        Assert.Equal(["/proc/sys"], config.ReadonlyPaths);
        Assert.Equal(new IdReference(1000, null), config.Uid);
        Assert.Equal(IdReference.Root, config.Gid);
        Assert.Equal([new IdReference(20, null), new IdReference(1001, null)], config.AdditionalGids);
        Assert.True(config.NoNewPrivileges);
        Assert.Equal(-500, config.OomScoreAdj);
        Assert.Equal("rslave", config.RootfsPropagation);
        Assert.Equal("/fw/netwatch", config.CgroupsPath);
        Assert.Equal(["kernel.msgmax", "net.ipv4.ip_forward"], config.Sysctl!.Keys);
        Assert.Equal([new Rlimit("RLIMIT_NOFILE", 1024, 4096), new Rlimit("RLIMIT_CORE", 0, ulong.MaxValue)], config.Rlimits);
        Assert.Equal(1000u, config.UidMappings![0].HostId);
        Assert.Equal(1000u, config.GidMappings![0].HostId);
        Assert.Equal("watcher", config.Annotations!["org.example.role"]);

        var resources = config.Resources!;
        Assert.False(resources.Devices![0].Allow);
        Assert.Equal(200, resources.Devices[1].Minor);
        Assert.Equal(67108864, resources.Memory!.Limit);
        Assert.Equal(8388608, resources.Memory.KernelTcp);
        Assert.Equal(10ul, resources.Memory.Swappiness);
        Assert.Equal("0-1", resources.Cpu!.Cpus);
        Assert.Equal(64, resources.Pids!.Limit);
        Assert.Equal((ushort)600, resources.BlockIo!.WeightDevice![0].Weight);
        Assert.Equal(500ul, resources.BlockIo.ThrottleWriteIopsDevice![0].Rate);
        Assert.Equal("2MB", resources.HugepageLimits![0].PageSize);
        Assert.Equal(5u, resources.Network!.Priorities![0].Priority);

        var runtime = config.Runtime!;
        Assert.Equal(["fw/netwatch"], runtime.Cgroups);
        Assert.Equal("overlay", runtime.Mounts![0].Type);
        Assert.Equal(["/var/lib/netwatch"], runtime.Mkdir);
        Assert.Equal(new NetworkInterface("veth1", "veth", "veth0", false), runtime.Interfaces![1]);
        Assert.True(runtime.Interfaces[0].CreateInRoot);
        Assert.Equal(["cgroup", "ipc", "mnt", "net", "pid", "user", "uts"], runtime.BindNamespaces!.Keys);
        Assert.Equal("system", runtime.Namespace);
    }

    [Fact]
    public void Only_name_and_architectures_are_required()
    {
        var package = PackageDefinitionReader.Parse("name: heartbeat\narchitectures: [arm64]\n", "pkg.yml");

        Assert.Same(RuntimeOptions.Empty, package.Config);
        Assert.Empty(package.Files);
        Assert.Null(package.Entrypoint);
    }

    [Fact]
    public void Load_reads_pkg_yml_of_a_directory()
    {
        using var scratch = new ScratchDirectory();
        File.WriteAllText(scratch.Of("pkg.yml"), "name: heartbeat\narchitectures: [amd64]\n");

        Assert.Equal(scratch.Of("pkg.yml"), PackageDefinitionReader.Load(scratch.Path).Source);
        Assert.Throws<FileNotFoundException>(() => PackageDefinitionReader.Load(scratch.Of("none")));
    }

    private const string Head = "name: heartbeat\narchitectures: [amd64]\n";

    [Theory]
    [InlineData("name: heartbeat\narchitectures: [amd64]\nentrypint: [/bin/x]\n", SpecError.UnknownKey, 3, 1, "entrypint")]
    [InlineData(Head + "config:\n  capabilites: [CAP_CHOWN]\n", SpecError.UnknownKey, 4, 3, "capabilites")]
    [InlineData(Head + "files:\n  - source: a\n    destination: /a\n    owner: 0\n", SpecError.UnknownKey, 6, 5, "owner")]
    [InlineData(Head + "name: again\n", SpecError.DuplicateKey, 3, 1, "name")]
    [InlineData("name: [heartbeat\narchitectures: [amd64]\n", SpecError.Syntax, 1, 7, null)]
    [InlineData("- name\n", SpecError.WrongType, 1, 1, null)]
    [InlineData("name: heartbeat\narchitectures: amd64\n", SpecError.WrongType, 2, 1, "architectures")]
    [InlineData(Head + "files:\n  - source: a\n    destination: /a\n    uid: zero\n", SpecError.WrongType, 6, 10, "uid")]
    [InlineData("architectures: [amd64]\n", SpecError.MissingKey, 1, 1, "name")]
    [InlineData("name: heartbeat\n", SpecError.MissingKey, 1, 1, "architectures")]
    [InlineData("name: Heartbeat\narchitectures: [amd64]\n", SpecError.InvalidValue, 1, 1, "name")]
    [InlineData("name: heartbeat:1.0\narchitectures: [amd64]\n", SpecError.InvalidValue, 1, 1, "name")]
    [InlineData("name: heartbeat\narchitectures: [amd64, x86_64]\n", SpecError.InvalidValue, 2, 24, "architectures[1]")]
    [InlineData("name: heartbeat\narchitectures: [amd64, amd64]\n", SpecError.InvalidValue, 2, 24, "architectures[1]")]
    [InlineData(Head + "entrypoint: [\"\"]\n", SpecError.InvalidValue, 3, 14, "entrypoint[0]")]
    [InlineData(Head + "env: [NOVALUE]\n", SpecError.InvalidValue, 3, 7, "env[0]")]
    [InlineData(Head + "workdir: var/lib\n", SpecError.InvalidPath, 3, 1, "workdir")]
    [InlineData(Head + "user: \"1000:\"\n", SpecError.InvalidValue, 3, 1, "user")]
    [InlineData(Head + "files:\n  - source: ../etc/shadow\n    destination: /a\n", SpecError.InvalidPath, 4, 5, "files[0].source")]
    [InlineData(Head + "files:\n  - source: a\n    destination: etc/a\n", SpecError.InvalidPath, 5, 5, "files[0].destination")]
    [InlineData(Head + "files:\n  - source: a\n", SpecError.MissingKey, 4, 5, "files[0].destination")]
    [InlineData(Head + "files:\n  - source: a\n    destination: /a\n    mode: \"0789\"\n", SpecError.InvalidMode, 6, 5, "files[0].mode")]
    [InlineData(Head + "files:\n  - {source: a, destination: /a}\n  - {source: b, destination: /a}\n", SpecError.DuplicateName, 5, 17, "files[1].destination")]
    [InlineData(Head + "files:\n  - source: a\n    destination: /a\n    uid: -1\n", SpecError.InvalidValue, 6, 5, "files[0].uid")]
    public void Malformed_packages_name_the_line_column_and_key(string yaml, SpecError error, int line, int column, string? key)
    {
        var e = Assert.Throws<SpecException>(() => PackageDefinitionReader.Parse(yaml, "pkg/pkg.yml"));

        Assert.Equal((error, line, column, key), (e.Error, e.Line, e.Column, e.Key));
        Assert.Equal("pkg/pkg.yml", e.File);
        Assert.StartsWith($"pkg/pkg.yml:{line}:{column}: {(key is null ? "" : key + ": ")}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_an_error()
    {
        var e = Assert.Throws<SpecException>(() => PackageDefinitionReader.Parse("", "pkg.yml"));

        Assert.Equal(SpecError.MissingKey, e.Error);
        Assert.Equal("pkg.yml: the file is empty", e.Message);
    }

    [Fact]
    public void Two_documents_are_an_error()
    {
        var e = Assert.Throws<SpecException>(() => PackageDefinitionReader.Parse(Head + "---\n" + Head, "pkg.yml"));

        Assert.Equal((SpecError.Syntax, 3), (e.Error, e.Line));
    }
}
