using Firmware.Image.Spec;

namespace Firmware.Image.Tests.Spec;

[Trait("Category", "Malformed")]
public sealed class MalformedSpecTests
{
    private const string Service = "services:\n  - name: s\n    image: fw/s:1\n";

    [Theory]
    // Decoding: not YAML, unknown and duplicate keys, wrong types.
    [InlineData("init: [fw/init\n", SpecError.Syntax, 2, 1, null)]
    [InlineData("kernel:\n  image: a\n cmdline: b\n", SpecError.Syntax, 3, 2, null)]
    [InlineData("kernal:\n  image: fw/k:1\n", SpecError.UnknownKey, 1, 1, "kernal")]
    [InlineData(Service + "    capabilites: [CAP_KILL]\n", SpecError.UnknownKey, 4, 5, "capabilites")]
    [InlineData(Service + "    capabilities.remove: [CAP_KILL]\n", SpecError.UnknownKey, 4, 5, "capabilities.remove")]
    [InlineData(Service + "    resources:\n      memory:\n        limt: 5\n", SpecError.UnknownKey, 6, 9, "limt")]
    [InlineData(Service + "    runtime:\n      bindNS:\n        network: /run/x\n", SpecError.UnknownKey, 6, 9, "network")]
    [InlineData("files:\n  - path: a\n    contents: x\n    owner: root\n", SpecError.UnknownKey, 4, 5, "owner")]
    [InlineData("firmware:\n  versoin: 1.0.0\n", SpecError.UnknownKey, 2, 3, "versoin")]
    [InlineData(Service + "    net: host\n    net: new\n", SpecError.DuplicateKey, 5, 5, "net")]
    [InlineData(Service + "    readonly: maybe\n", SpecError.WrongType, 4, 15, "readonly")]
    [InlineData(Service + "    command: /bin/sh\n", SpecError.WrongType, 4, 5, "command")]
    [InlineData(Service + "    oomScoreAdj: high\n", SpecError.WrongType, 4, 18, "oomScoreAdj")]
    [InlineData("- fw/init\n", SpecError.WrongType, 1, 1, null)]
    // Image references.
    [InlineData("init: [Fw/Init]\n", SpecError.InvalidReference, 1, 8, "init[0]")]
    [InlineData("init: [fw/init:]\n", SpecError.InvalidReference, 1, 8, "init[0]")]
    [InlineData("init: [fw/init@sha256:abc]\n", SpecError.InvalidReference, 1, 8, "init[0]")]
    [InlineData("services:\n  - name: s\n    image: fw//s\n", SpecError.InvalidReference, 3, 12, "services[0].image")]
    [InlineData("kernel:\n  cmdline: quiet\n", SpecError.MissingKey, 1, 1, "kernel.image")]
    [InlineData("kernel:\n  image: fw/k:1\n  binary: ../vmlinuz\n", SpecError.InvalidPath, 3, 3, "kernel.binary")]
    // Names.
    [InlineData("services:\n  - image: fw/s:1\n", SpecError.MissingKey, 2, 5, "services[0].name")]
    [InlineData("services:\n  - name: s\n", SpecError.MissingKey, 2, 5, "services[0].image")]
    [InlineData("services:\n  - name: My_Service\n    image: fw/s:1\n", SpecError.InvalidValue, 2, 5, "services[0].name")]
    [InlineData("onboot:\n  - name: s\n    image: fw/s:1\n" + Service, SpecError.DuplicateName, 5, 5, "services[0].name")]
    [InlineData("volumes:\n  - name: v\n  - name: v\n", SpecError.DuplicateName, 3, 5, "volumes[1].name")]
    [InlineData("volumes:\n  - name: v\n    format: squashfs\n", SpecError.InvalidValue, 3, 5, "volumes[0].format")]
    [InlineData("volumes:\n  - name: v\n    platforms: [amd64]\n", SpecError.InvalidValue, 3, 17, "volumes[0].platforms[0]")]
    // Capabilities.
    [InlineData(Service + "    capabilities: [CAP_NET_ADMN]\n", SpecError.InvalidCapability, 4, 20, "services[0].capabilities[0]")]
    [InlineData(Service + "    capabilities: [CAP_KILL, all]\n", SpecError.InvalidCapability, 4, 30, "services[0].capabilities[1]")]
    [InlineData(Service + "    capabilities: [net_admin]\n", SpecError.InvalidCapability, 4, 20, "services[0].capabilities[0]")]
    [InlineData(Service + "    capabilities.add:\n      - CAP_KILL\n      - CAP_KILL\n", SpecError.InvalidCapability, 6, 9, "services[0].capabilities.add[1]")]
    [InlineData(Service + "    ambient: [CAP_SYS_NOTHING]\n", SpecError.InvalidCapability, 4, 15, "services[0].ambient[0]")]
    // Mounts, binds, tmpfs, devices.
    [InlineData(Service + "    binds: [/etc/resolv.conf]\n", SpecError.InvalidMount, 4, 13, "services[0].binds[0]")]
    [InlineData(Service + "    binds: [/a:/b:ro:x]\n", SpecError.InvalidMount, 4, 13, "services[0].binds[0]")]
    [InlineData(Service + "    binds: [/a:b]\n", SpecError.InvalidPath, 4, 13, "services[0].binds[0]")]
    [InlineData(Service + "    binds: [/a/../etc:/b]\n", SpecError.InvalidPath, 4, 13, "services[0].binds[0]")]
    [InlineData(Service + "    binds: [state:/b]\n", SpecError.InvalidMount, 4, 13, "services[0].binds[0]")]
    [InlineData(Service + "    binds.add: [\"/a:/b:ro,rw\"]\n", SpecError.InvalidMount, 4, 17, "services[0].binds.add[0]")]
    [InlineData(Service + "    binds: [\"/a:/b:shared,private\"]\n", SpecError.InvalidMount, 4, 13, "services[0].binds[0]")]
    [InlineData(Service + "    tmpfs: [/tmp:size=1m:x]\n", SpecError.InvalidMount, 4, 13, "services[0].tmpfs[0]")]
    [InlineData(Service + "    tmpfs: [tmp]\n", SpecError.InvalidPath, 4, 13, "services[0].tmpfs[0]")]
    [InlineData(Service + "    tmpfs: [\"/tmp:noexec,exec\"]\n", SpecError.InvalidMount, 4, 13, "services[0].tmpfs[0]")]
    [InlineData(Service + "    mounts:\n      - destination: /x\n", SpecError.InvalidMount, 5, 9, "services[0].mounts[0]")]
    [InlineData(Service + "    mounts:\n      - type: overlay\n", SpecError.InvalidMount, 5, 9, "services[0].mounts[0]")]
    [InlineData(Service + "    mounts:\n      - {type: bind, source: rel, destination: /x}\n", SpecError.InvalidMount, 5, 9, "services[0].mounts[0].source")]
    [InlineData(Service + "    mounts:\n      - {type: tmpfs, destination: x}\n", SpecError.InvalidPath, 5, 9, "services[0].mounts[0].destination")]
    [InlineData(Service + "    mounts:\n      - {type: tmpfs, destination: /x, options: [relatime, noatime]}\n", SpecError.InvalidMount, 5, 9, "services[0].mounts[0].options")]
    [InlineData(Service + "    devices:\n      - {path: /dev/x, type: c, major: 1, minor: 3}\n", SpecError.MissingKey, 5, 9, "services[0].devices[0].mode")]
    [InlineData(Service + "    devices:\n      - {path: /dev/x, type: c, major: 1, minor: 3, mode: rw}\n", SpecError.InvalidMode, 5, 53, "services[0].devices[0].mode")]
    [InlineData(Service + "    devices:\n      - {path: /dev/x, type: z, major: 1, minor: 3, mode: \"0600\"}\n", SpecError.InvalidValue, 5, 24, "services[0].devices[0].type")]
    [InlineData(Service + "    devices:\n      - {path: dev/x, type: c, major: 1, minor: 3, mode: \"0600\"}\n", SpecError.InvalidPath, 5, 10, "services[0].devices[0].path")]
    // Process.
    [InlineData(Service + "    command: []\n", SpecError.InvalidValue, 4, 5, "services[0].command")]
    [InlineData(Service + "    env: [PATH]\n", SpecError.InvalidValue, 4, 11, "services[0].env[0]")]
    [InlineData(Service + "    cwd: relative\n", SpecError.InvalidPath, 4, 5, "services[0].cwd")]
    [InlineData(Service + "    net: bridge\n", SpecError.InvalidValue, 4, 5, "services[0].net")]
    [InlineData(Service + "    pid: none\n", SpecError.InvalidValue, 4, 5, "services[0].pid")]
    [InlineData(Service + "    hostname: \"bad host\"\n", SpecError.InvalidValue, 4, 5, "services[0].hostname")]
    [InlineData(Service + "    uid: nobody\n", SpecError.UnknownId, 4, 10, "services[0].uid")]
    [InlineData(Service + "    additionalGids: [\"99999999999\"]\n", SpecError.InvalidValue, 4, 22, "services[0].additionalGids[0]")]
    [InlineData(Service + "    oomScoreAdj: 1001\n", SpecError.InvalidValue, 4, 5, "services[0].oomScoreAdj")]
    [InlineData(Service + "    rootfsPropagation: recursive\n", SpecError.InvalidValue, 4, 5, "services[0].rootfsPropagation")]
    [InlineData(Service + "    maskedPaths: [proc/kcore]\n", SpecError.InvalidPath, 4, 19, "services[0].maskedPaths[0]")]
    [InlineData(Service + "    cgroupsPath: ../escape\n", SpecError.InvalidPath, 4, 18, "services[0].cgroupsPath")]
    [InlineData(Service + "    sysctl:\n      \"net..x\": \"1\"\n", SpecError.InvalidValue, 5, 7, "services[0].sysctl")]
    // rlimits.
    [InlineData(Service + "    rlimits: [\"nofile,1024\"]\n", SpecError.InvalidRlimit, 4, 15, "services[0].rlimits[0]")]
    [InlineData(Service + "    rlimits: [\"files,1,1\"]\n", SpecError.InvalidRlimit, 4, 15, "services[0].rlimits[0]")]
    [InlineData(Service + "    rlimits: [\"nofile,10,x\"]\n", SpecError.InvalidRlimit, 4, 15, "services[0].rlimits[0]")]
    [InlineData(Service + "    rlimits: [\"nofile,unlimited,10\"]\n", SpecError.InvalidRlimit, 4, 15, "services[0].rlimits[0]")]
    [InlineData(Service + "    rlimits: [\"nofile,1,1\", \"RLIMIT_NOFILE,2,2\"]\n", SpecError.InvalidRlimit, 4, 5, "services[0].rlimits")]
    // Resources, id mappings, runtime.
    [InlineData(Service + "    resources:\n      memory: {swappiness: 101}\n", SpecError.InvalidValue, 5, 16, "services[0].resources.memory.swappiness")]
    [InlineData(Service + "    resources:\n      cpu: {cpus: \"3-1\"}\n", SpecError.InvalidValue, 5, 13, "services[0].resources.cpu.cpus")]
    [InlineData(Service + "    resources:\n      devices: [{allow: true, access: rwx}]\n", SpecError.InvalidValue, 5, 17, "services[0].resources.devices[0].access")]
    [InlineData(Service + "    resources:\n      blockio: {weight: 5}\n", SpecError.InvalidValue, 5, 17, "services[0].resources.blockio.weight")]
    [InlineData(Service + "    resources:\n      pids: {}\n", SpecError.MissingKey, 5, 13, "services[0].resources.pids.limit")]
    [InlineData(Service + "    uidMappings: [{containerID: 0, hostID: 1}]\n", SpecError.MissingKey, 4, 19, "services[0].uidMappings[0]")]
    [InlineData(Service + "    gidMappings: [{containerID: 0, hostID: 1, size: 0}]\n", SpecError.InvalidValue, 4, 19, "services[0].gidMappings[0].size")]
    [InlineData(Service + "    runtime:\n      mkdir: [var/x]\n", SpecError.InvalidPath, 5, 15, "services[0].runtime.mkdir[0]")]
    [InlineData(Service + "    runtime:\n      interfaces: [{add: veth}]\n", SpecError.MissingKey, 5, 20, "services[0].runtime.interfaces[0].name")]
    [InlineData(Service + "    runtime:\n      bindNS: {net: netns}\n", SpecError.InvalidPath, 5, 16, "services[0].runtime.bindNS.net")]
    // Files.
    [InlineData("files:\n  - contents: x\n", SpecError.MissingKey, 2, 5, "files[0].path")]
    [InlineData("files:\n  - path: ../etc/passwd\n    contents: x\n", SpecError.InvalidPath, 2, 5, "files[0].path")]
    [InlineData("files:\n  - path: /\n    directory: true\n", SpecError.InvalidPath, 2, 5, "files[0].path")]
    [InlineData("files:\n  - path: etc/a\n", SpecError.ConflictingKeys, 2, 5, "files[0]")]
    [InlineData("files:\n  - path: etc/a\n    contents: x\n    source: a.txt\n", SpecError.ConflictingKeys, 2, 5, "files[0]")]
    [InlineData("files:\n  - path: etc/a\n    directory: true\n    symlink: /b\n", SpecError.ConflictingKeys, 2, 5, "files[0]")]
    [InlineData("files:\n  - path: etc/a\n    contents: x\n    mode: \"644x\"\n", SpecError.InvalidMode, 4, 5, "files[0].mode")]
    [InlineData("files:\n  - path: etc/a\n    contents: x\n    mode: \"17777\"\n", SpecError.InvalidMode, 4, 5, "files[0].mode")]
    [InlineData("files:\n  - path: etc/a\n    metadata: toml\n", SpecError.InvalidValue, 3, 5, "files[0].metadata")]
    [InlineData("files:\n  - path: etc/a\n    contents: x\n  - path: /etc/a\n    contents: y\n", SpecError.DuplicateName, 4, 5, "files[1].path")]
    [InlineData("files:\n  - path: etc/a\n    contents: x\n    uid: nobody\n", SpecError.UnknownId, 4, 5, "files[0].uid")]
    // The firmware section.
    [InlineData("firmware:\n  version: one\n", SpecError.InvalidValue, 2, 3, "firmware.version")]
    [InlineData("firmware:\n  compatible: [Pi 4]\n", SpecError.InvalidValue, 2, 16, "firmware.compatible[0]")]
    [InlineData("firmware:\n  data:\n    filesystem: ext4\n", SpecError.MissingKey, 2, 3, "firmware.data.size")]
    [InlineData("firmware:\n  data:\n    size: 12X\n", SpecError.InvalidValue, 3, 5, "firmware.data.size")]
    [InlineData("firmware:\n  data:\n    size: 1G\n    filesystem: vfat\n", SpecError.InvalidValue, 4, 5, "firmware.data.filesystem")]
    [InlineData("firmware:\n  data:\n    size: 1G\n    mount: /\n", SpecError.InvalidPath, 4, 5, "firmware.data.mount")]
    public void Each_error_names_the_file_line_column_and_key(string yaml, SpecError error, int line, int column, string? key)
    {
        var e = Assert.Throws<SpecException>(() => ImageSpecReader.Parse(yaml, "images/bad.yml"));

        Assert.Equal((error, line, column, key), (e.Error, e.Line, e.Column, e.Key));
        Assert.StartsWith($"images/bad.yml:{line}:{column}: {(key is null ? "" : key + ": ")}", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void An_empty_spec_is_an_error(string yaml)
    {
        Assert.Equal(SpecError.MissingKey, Assert.Throws<SpecException>(() => ImageSpecReader.Parse(yaml, "x.yml")).Error);
    }

    [Fact]
    public void Garbage_gives_the_line()
    {
        var e = Assert.Throws<SpecException>(() => ImageSpecReader.Parse("init:\n  - a\nkernel: x: y\n", "x.yml"));

        Assert.Equal((SpecError.Syntax, 3), (e.Error, e.Line));
    }
}
