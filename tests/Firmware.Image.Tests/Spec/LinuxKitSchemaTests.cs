using Firmware.Image.Spec;

namespace Firmware.Image.Tests.Spec;

/// <summary>
/// Every key of LinuxKit's schema (src/cmd/linuxkit/moby/schema.go) is a key here: written with
/// no value, each must decode (an unknown key would be an error) and pass validation.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LinuxKitSchemaTests
{
    private const string Container = "services:\n  - name: s\n    image: fw/s:1\n";

    // The "properties" of each definition of the schema, by where it sits in a spec.
    public static TheoryData<string, string> Keys()
    {
        var data = new TheoryData<string, string>();
        void Add(string prefix, string indent, params string[] keys)
        {
            foreach (var key in keys)
            {
                data.Add(key, $"{prefix}{indent}{key}:\n");
            }
        }

        // Keys this toolkit requires once their parent is written: given a value.
        void AddRequired(string prefix, string indent, string key, string value) => data.Add(key, $"{prefix}{indent}{key}: {value}\n");

        Add("", "", "kernel", "init", "onboot", "onshutdown", "services", "trust", "files", "volumes");
        Add("kernel:\n  image: fw/k:1\n", "  ", "cmdline", "binary", "tar", "ucode");
        Add("files:\n  - path: etc/x\n    contents: x\n", "    ", "mode", "uid", "gid", "optional");
        AddRequired("files:\n  - path: etc/x\n", "    ", "contents", "\"\"");
        Add("volumes:\n  - name: v\n", "    ", "image", "readonly", "format", "platforms");
        Add("trust:\n", "  ", "image", "org");
        Add(Container, "    ",
            "capabilities", "capabilities.add", "ambient", "mounts", "binds", "binds.add", "devices", "tmpfs", "command", "env",
            "cwd", "net", "pid", "ipc", "uts", "userns", "readonly", "maskedPaths", "readonlyPaths", "uid", "gid", "additionalGids",
            "noNewPrivileges", "hostname", "oomScoreAdj", "rootfsPropagation", "cgroupsPath", "resources", "sysctl", "rlimits",
            "uidMappings", "gidMappings", "annotations", "runtime");
        Add(Container + "    mounts:\n      - type: tmpfs\n        destination: /x\n", "        ", "source", "options", "uidmappings", "gidmappings");
        Add(Container + "    devices:\n      - path: all\n        type: a\n", "        ", "major", "minor", "mode");
        AddRequired(Container + "    uidMappings:\n      - containerID: 0\n        hostID: 0\n", "        ", "size", "1");
        Add(Container + "    resources:\n", "      ", "devices", "memory", "cpu", "pids", "blockio", "hugepageLimits", "network");
        Add(Container + "    resources:\n      devices:\n        - allow: true\n", "          ", "type", "major", "minor", "access");
        Add(Container + "    resources:\n      memory:\n", "        ", "limit", "reservation", "swap", "kernel", "kernelTCP", "swappiness", "disableOOMKiller");
        Add(Container + "    resources:\n      cpu:\n", "        ", "shares", "quota", "period", "realtimeRuntime", "realtimePeriod", "cpus", "mems");
        Add(Container + "    resources:\n      blockio:\n", "        ", "weight", "leafWeight", "weightDevice", "throttleReadBpsDevice", "throttleWriteBpsDevice", "throttleReadIOPSDevice", "throttleWriteIOPSDevice");
        Add(Container + "    resources:\n      blockio:\n        weightDevice:\n          - major: 8\n            minor: 0\n", "            ", "weight", "leafWeight");
        AddRequired(Container + "    resources:\n      blockio:\n        throttleReadBpsDevice:\n          - major: 8\n            minor: 0\n", "            ", "rate", "1048576");
        AddRequired(Container + "    resources:\n      hugepageLimits:\n        - pageSize: 2MB\n", "          ", "limit", "0");
        Add(Container + "    resources:\n      network:\n", "        ", "classID", "priorities");
        AddRequired(Container + "    resources:\n      network:\n        priorities:\n          - name: eth0\n", "            ", "priority", "5");
        Add(Container + "    runtime:\n", "      ", "cgroups", "mounts", "mkdir", "interfaces", "bindNS", "namespace");
        Add(Container + "    runtime:\n      interfaces:\n        - name: eth1\n", "          ", "add", "peer", "createInRoot");
        Add(Container + "    runtime:\n      bindNS:\n", "        ", "cgroup", "ipc", "mnt", "net", "pid", "user", "uts");
        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Each_key_of_linuxkits_schema_is_accepted(string key, string yaml)
    {
        var spec = ImageSpecReader.Parse(yaml, $"{key}.yml");

        Assert.NotNull(spec);
    }

    [Fact]
    public void A_spec_written_as_linuxkit_writes_them_reads_unchanged()
    {
        // Relative file paths, capabilities: [all], a namespace path for net, metadata: yaml.
        var spec = ImageSpecReader.Parse("""
            kernel:
              image: linuxkit/kernel:6.6.71
              cmdline: "console=tty0 console=ttyS0"
            init:
              - linuxkit/init:8eea386739975a43af558eec757a7dcb3a3d2e7b
              - linuxkit/runc:667e7ea2c426a2460ca21e3da065a57dbb3369c9
            onboot:
              - name: dhcpcd
                image: linuxkit/dhcpcd:157df9ef45a035f1542ec2270e374f18efef98a5
                command: ["/sbin/dhcpcd", "--nobackground", "-f", "/dhcpcd.conf", "-1"]
            services:
              - name: docker
                image: docker:27.3.1-dind
                capabilities:
                  - all
                net: host
                mounts:
                  - type: cgroup
                    options: ["rw", "nosuid", "noexec", "nodev", "relatime"]
                binds:
                  - /etc/resolv.conf:/etc/resolv.conf
                  - /var/lib/docker:/var/lib/docker
              - name: wg
                image: linuxkit/ip:bb250017b05de5e16ac436b1eb19a39c87b5a252
                net: /run/netns/wg0
            files:
              - path: var/lib/docker
                directory: true
              - path: etc/linuxkit-config
                metadata: yaml
            """, "linuxkit.yml");

        Assert.Equal(["dhcpcd", "docker", "wg"], spec.Containers.Select(c => c.Name));
        Assert.Equal("/var/lib/docker", spec.Files[0].Path);
        Assert.Equal("/run/netns/wg0", spec.Services[1].Options.Net);
    }
}
