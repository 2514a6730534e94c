using Firmware.Image.Runtime;
using Firmware.Image.Spec;

namespace Firmware.Image.Tests.Runtime;

[Trait("Category", "Unit")]
public sealed class OciConfigGeneratorTests
{
    private static readonly Dictionary<string, uint> NoIds = [];

    private static RuntimeOptions Options(string yaml) =>
        ImageSpecReader.Parse($"volumes:\n  - name: state\nservices:\n  - name: s\n    image: fw/s:1\n{yaml}", "spec.yml").Services[0].Options;

    private static ImageRuntimeDefaults Image(string? label = null, string[]? entrypoint = null, string[]? cmd = null, string? user = null) => new()
    {
        Entrypoint = entrypoint,
        Cmd = cmd ?? ["/bin/true"],
        Env = ["PATH=/bin"],
        User = user,
        Labels = label is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [MobyConfigLabel.Key] = label },
    };

    [Fact]
    public void With_nothing_written_linuxkit_defaults_apply()
    {
        var config = OciConfigGenerator.Generate("s", RuntimeOptions.Empty, Image(entrypoint: ["/bin/sh", "-c"], cmd: ["echo hi"]), NoIds).Config;

        Assert.Equal("1.0.2", config.OciVersion);
        var process = config.Process!;
        Assert.Equal(["/bin/sh", "-c", "echo hi"], process.Args);
        Assert.Equal(["PATH=/bin"], process.Env);
        Assert.Equal("/", process.Cwd);
        Assert.Equal((0u, 0u), (process.User.Uid, process.User.Gid));
        Assert.Empty(process.Capabilities!.Bounding);
        Assert.Empty(process.Capabilities.Effective);
        Assert.False(process.NoNewPrivileges);
        Assert.Equal(("rootfs", false), (config.Root!.Path, config.Root.Readonly));
        Assert.Equal(["pid", "mount"], config.Linux!.Namespaces.Select(n => n.Type));
        Assert.All(config.Linux.Namespaces, n => Assert.Null(n.Path));
        Assert.Equal(["/dev", "/dev/mqueue", "/dev/pts", "/dev/shm", "/proc", "/sys", "/sys/fs/cgroup"], config.Mounts!.Select(m => m.Destination));
        Assert.Contains("/proc/kcore", config.Linux.MaskedPaths!);
        Assert.Contains("/proc/sys", config.Linux.ReadonlyPaths!);
        Assert.Null(config.Linux.Resources);
        Assert.Null(config.Hostname);
    }

    [Fact]
    public void The_label_overrides_the_image_and_the_spec_overrides_the_label()
    {
        var label = """{"capabilities":["CAP_NET_ADMIN"],"command":["/bin/label"],"env":["FROM=label"],"cwd":"/label","readonly":true,"net":"new"}""";
        var spec = Options("    capabilities.add: [CAP_KILL]\n    env: [FROM=spec]\n    net: host\n");

        var config = OciConfigGenerator.Generate("s", spec, Image(label, entrypoint: ["/bin/image"]), NoIds).Config;

        Assert.Equal(["/bin/label"], config.Process!.Args);
        Assert.Equal(["FROM=spec"], config.Process.Env);
        Assert.Equal("/label", config.Process.Cwd);
        Assert.True(config.Root!.Readonly);
        Assert.Equal(["CAP_KILL", "CAP_NET_ADMIN"], config.Process.Capabilities!.Effective);
        Assert.DoesNotContain(config.Linux!.Namespaces, n => n.Type == "network");
    }

    [Fact]
    public void Spec_capabilities_replace_the_label_and_all_expands_to_every_capability()
    {
        var label = """{"capabilities":["CAP_NET_ADMIN"]}""";

        var replaced = OciConfigGenerator.Generate("s", Options("    capabilities: [CAP_CHOWN]\n    ambient: [CAP_NET_RAW]\n"), Image(label), NoIds).Config.Process!.Capabilities!;
        var all = OciConfigGenerator.Generate("s", Options("    capabilities: [all]\n"), Image(label), NoIds).Config.Process!.Capabilities!;
        var none = OciConfigGenerator.Generate("s", Options("    capabilities: [none]\n"), Image(label), NoIds).Config.Process!.Capabilities!;

        Assert.Equal(["CAP_CHOWN"], replaced.Effective);
        Assert.Equal(["CAP_NET_RAW"], replaced.Ambient);
        Assert.Equal(["CAP_CHOWN", "CAP_NET_RAW"], replaced.Bounding);
        Assert.Equal(replaced.Bounding, replaced.Permitted);
        Assert.Equal(41, all.Effective.Count);
        Assert.Empty(none.Bounding);
    }

    [Fact]
    public void Binds_add_to_the_label_unless_the_spec_replaces_them()
    {
        var label = """{"binds":["/etc/resolv.conf:/etc/resolv.conf"]}""";

        var added = OciConfigGenerator.Generate("s", Options("    binds.add: [\"/var/log:/var/log:ro\", \"state:/state\"]\n"), Image(label), NoIds).Config.Mounts!;
        var replaced = OciConfigGenerator.Generate("s", Options("    binds: [/data:/data]\n"), Image(label), NoIds).Config.Mounts!;

        var resolv = Assert.Single(added, m => m.Destination == "/etc/resolv.conf");
        Assert.Equal(("bind", "/etc/resolv.conf"), (resolv.Type, resolv.Source));
        Assert.Equal(["rw", "rbind", "rshared"], resolv.Options!);
        Assert.Equal(["ro", "rbind"], Assert.Single(added, m => m.Destination == "/var/log").Options);
        Assert.Equal("/containers/volumes/state/merged", Assert.Single(added, m => m.Destination == "/state").Source);
        Assert.DoesNotContain(replaced, m => m.Destination == "/etc/resolv.conf");
        Assert.Single(replaced, m => m.Destination == "/data");
    }

    [Fact]
    public void Mounts_replace_defaults_at_the_same_destination_and_stay_sorted()
    {
        var config = OciConfigGenerator.Generate("s", Options("    tmpfs: [\"/tmp:size=1m\"]\n    mounts:\n      - {type: tmpfs, destination: /dev, options: [nosuid]}\n"), Image(), NoIds).Config;

        Assert.Equal(["nosuid"], Assert.Single(config.Mounts!, m => m.Destination == "/dev").Options);
        Assert.Equal(["size=1m"], Assert.Single(config.Mounts!, m => m.Destination == "/tmp").Options);
        Assert.Equal(config.Mounts!.Select(m => m.Destination).Order(StringComparer.Ordinal), config.Mounts!.Select(m => m.Destination));
    }

    [Fact]
    public void A_read_only_root_makes_dev_and_sys_read_only_too()
    {
        var mounts = OciConfigGenerator.Generate("s", Options("    readonly: true\n"), Image(), NoIds).Config.Mounts!;

        Assert.Contains("ro", mounts.Single(m => m.Destination == "/dev").Options!);
        Assert.Contains("ro", mounts.Single(m => m.Destination == "/sys").Options!);
    }

    [Fact]
    public void Namespaces_are_created_joined_or_shared()
    {
        var config = OciConfigGenerator.Generate("s", Options("    net: /run/netns/wg0\n    ipc: new\n    uts: new\n    pid: host\n    userns: new\n    hostname: box\n"), Image(), NoIds).Config;

        Assert.Equal([("network", "/run/netns/wg0"), ("ipc", null), ("uts", null), ("user", null), ("mount", null)], config.Linux!.Namespaces.Select(n => (n.Type, n.Path)));
        Assert.Equal("box", config.Hostname);
    }

    [Fact]
    public void A_hostname_without_a_uts_namespace_is_refused()
    {
        var e = Assert.Throws<SpecException>(() => OciConfigGenerator.Generate("s", Options("    hostname: box\n"), Image(), NoIds));

        Assert.Equal(("s", "hostname"), (e.File, e.Key));
    }

    [Fact]
    public void Ids_by_name_resolve_to_the_containers_ids_and_the_image_user_is_the_base()
    {
        var ids = new Dictionary<string, uint> { ["s"] = 100, ["logger"] = 101 };
        var fromImage = OciConfigGenerator.Generate("s", RuntimeOptions.Empty, Image(user: "1000:1001"), ids).Config.Process!.User;
        var fromSpec = OciConfigGenerator.Generate("s", Options("    uid: s\n    additionalGids: [s]\n"), Image(user: "1000:1001"), ids).Config.Process!.User;
        var fromLabel = OciConfigGenerator.Generate("s", RuntimeOptions.Empty, Image("""{"uid":"logger","gid":"7"}"""), ids).Config.Process!.User;

        Assert.Equal((1000u, 1001u), (fromImage.Uid, fromImage.Gid));
        Assert.Equal((100u, 1001u), (fromSpec.Uid, fromSpec.Gid));
        Assert.Equal([100u], fromSpec.AdditionalGids!);
        Assert.Equal((101u, 7u), (fromLabel.Uid, fromLabel.Gid));
        Assert.Equal("uid", Assert.Throws<SpecException>(() => OciConfigGenerator.Generate("s", RuntimeOptions.Empty, Image("""{"uid":"nobody"}"""), ids)).Key);
        Assert.Equal("uid", Assert.Throws<SpecException>(() => OciConfigGenerator.Generate("s", RuntimeOptions.Empty, Image(user: "daemon"), ids)).Key);
    }

    [Fact]
    public void Devices_become_nodes_and_cgroup_rules()
    {
        var config = OciConfigGenerator.Generate("s", Options("    devices:\n      - {path: /dev/watchdog, type: c, major: 10, minor: 130, mode: \"0600\"}\n      - {path: all, type: b}\n    resources:\n      pids: {limit: 8}\n"), Image(), NoIds).Config;

        var node = Assert.Single(config.Linux!.Devices!);
        Assert.Equal(("/dev/watchdog", "c", 10L, 130L, 0b110_000_000u), (node.Path, node.Type, node.Major, node.Minor, node.FileMode));
        var rules = config.Linux.Resources!.Devices!;
        Assert.Equal([("c", 10L, 130L), ("b", null, null)], rules.Select(r => (r.Type, r.Major, r.Minor)));
        Assert.All(rules, r => Assert.Equal(("rwm", true), (r.Access, r.Allow)));
        Assert.Equal(8, config.Linux.Resources.Pids!.Limit);
    }

    [Fact]
    public void Containers_with_cap_sys_admin_get_no_masked_paths_unless_written()
    {
        var admin = OciConfigGenerator.Generate("s", Options("    capabilities: [CAP_SYS_ADMIN]\n"), Image(), NoIds).Config.Linux!;
        var written = OciConfigGenerator.Generate("s", Options("    capabilities: [CAP_SYS_ADMIN]\n    maskedPaths: [/proc/kcore]\n"), Image(), NoIds).Config.Linux!;

        Assert.Null(admin.MaskedPaths);
        Assert.Null(admin.ReadonlyPaths);
        Assert.Equal(["/proc/kcore"], written.MaskedPaths);
    }

    [Fact]
    public void Nothing_to_run_is_an_error_naming_the_command()
    {
        var e = Assert.Throws<SpecException>(() => OciConfigGenerator.Generate("s", RuntimeOptions.Empty, Image() with { Cmd = null }, NoIds));

        Assert.Equal("command", e.Key);
    }

    [Fact]
    public void Runtime_actions_merge_member_by_member()
    {
        var label = """{"runtime":{"mkdir":["/var/label"],"cgroups":["label"],"bindNS":{"net":"/run/netns/label","ipc":"/run/ipc"}}}""";

        var runtime = OciConfigGenerator.Generate("s", Options("    runtime:\n      mkdir: [/var/spec]\n      bindNS:\n        net: /run/netns/spec\n"), Image(label), NoIds).Runtime;

        Assert.Equal(["/var/spec"], runtime.Mkdir);
        Assert.Equal(["label"], runtime.Cgroups);
        Assert.Equal([("ipc", "/run/ipc"), ("net", "/run/netns/spec")], runtime.BindNamespaces!.Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public void The_same_inputs_give_the_same_bytes()
    {
        var spec = ImageSpecReader.Parse(Fixture.Text("spec-full.yml"), "spec-full.yml");
        var image = Image(MobyConfigLabel.Write(PackageDefinitionsOf("pkg-full.yml").Config));
        var ids = spec.ContainerIds();

        var first = OciConfigJson.Serialize(OciConfigGenerator.Generate("heartbeat", spec.Services[0].Options, image, ids).Config);
        var second = OciConfigJson.Serialize(OciConfigGenerator.Generate("heartbeat", spec.Services[0].Options, image, ids).Config);

        Assert.Equal(first, second);
        Assert.Equal((byte)'\n', first[^1]);
    }

    [Fact]
    public void The_heartbeat_config_matches_its_golden_file()
    {
        var spec = ImageSpecReader.Load(Fixture.Path("images/minimal.yml"));

        var configs = OciConfigGenerator.GenerateAll(spec, new Dictionary<string, ImageRuntimeDefaults> { ["fw/busybox:dev"] = ImageRuntimeDefaults.Empty with { Env = ["PATH=/bin"] } });

        var heartbeat = configs.Single(c => c.Name == "heartbeat").Config.Config;
        Assert.Equal(Fixture.Text("heartbeat-config.json"), System.Text.Encoding.UTF8.GetString(OciConfigJson.Serialize(heartbeat)));
    }

    [Fact]
    public void Generate_all_needs_every_image_config()
    {
        var spec = ImageSpecReader.Load(Fixture.Path("images/minimal.yml"));

        Assert.Equal("images", Assert.Throws<ArgumentException>(() => OciConfigGenerator.GenerateAll(spec, new Dictionary<string, ImageRuntimeDefaults>())).ParamName);
    }

    private static Firmware.Image.Packages.PackageDefinition PackageDefinitionsOf(string fixture) =>
        Firmware.Image.Packages.PackageDefinitionReader.Parse(Fixture.Text(fixture), fixture);
}
