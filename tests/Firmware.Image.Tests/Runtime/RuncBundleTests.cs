using Firmware.Image.Runtime;
using Firmware.Image.Spec;

namespace Firmware.Image.Tests.Runtime;

/// <summary>
/// Generated configs run under the real runc (Debian's runc; root), on a rootfs made of Debian's
/// busybox-static: the container exits 0 and prints what its command says.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RuncBundleTests : IDisposable
{
    private static readonly string[] Applets = ["sh", "echo", "id", "grep", "hostname", "touch", "cat"];
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void A_generated_bundle_runs_with_the_spec_over_the_label_over_the_image()
    {
        var spec = ImageSpecReader.Parse("""
            services:
              - name: hello
                image: fw/busybox:dev
                env: ["GREETING=from the spec"]
                uid: 1000
                gid: 1000
            """, "hello.yml");
        var image = new ImageRuntimeDefaults
        {
            Cmd = ["/bin/echo", "the image's own command"],
            Env = ["GREETING=from the image"],
            Labels = new Dictionary<string, string>
            {
                [MobyConfigLabel.Key] = """{"command":["/bin/sh","-c","echo \"hello $GREETING\"; id -u; id -g; grep CapEff /proc/self/status"],"env":["GREETING=from the label"]}""",
            },
        };

        var result = Run(spec, image);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hello from the spec\n1000\n1000\nCapEff:\t0000000000000000\n", result.Stdout);
    }

    [Fact]
    public void A_read_only_root_with_its_own_hostname_and_capabilities_runs()
    {
        var spec = ImageSpecReader.Parse("""
            services:
              - name: ro
                image: fw/busybox:dev
                command: ["/bin/sh", "-c", "hostname; touch /written 2>/dev/null && echo writable || echo read-only; grep CapEff /proc/self/status; cat /etc/motd"]
                readonly: true
                uts: new
                hostname: fw-box
                capabilities: [CAP_NET_ADMIN]
                binds: ["MOTD:/etc/motd:ro"]
            """.Replace("MOTD", _scratch.Of("motd"), StringComparison.Ordinal), "ro.yml");
        File.WriteAllText(_scratch.Of("motd"), "bound from the host\n");

        var result = Run(spec, ImageRuntimeDefaults.Empty);

        Assert.True(result.ExitCode == 0, result.ToString());
        // CAP_NET_ADMIN is capability 12: bit 12 of the effective set.
        Assert.Equal("fw-box\nread-only\nCapEff:\t0000000000001000\nbound from the host\n", result.Stdout);
    }

    private ProcessResult Run(ImageSpec spec, ImageRuntimeDefaults image)
    {
        var container = spec.Services[0];
        var config = OciConfigGenerator.Generate(container.Name, container.Options, image, spec.ContainerIds()).Config;
        var bundle = Directory.CreateDirectory(_scratch.Of("bundle")).FullName;
        MakeBusyboxRootfs(Path.Combine(bundle, "rootfs"));
        File.WriteAllBytes(Path.Combine(bundle, "config.json"), OciConfigJson.Serialize(config));
        var id = "fw-test-" + Guid.NewGuid().ToString("N")[..12];
        return ProcessRunner.Run("runc", ["--root", _scratch.Of("state"), "run", "--bundle", bundle, id], bundle);
    }

    private static void MakeBusyboxRootfs(string rootfs)
    {
        var bin = Directory.CreateDirectory(Path.Combine(rootfs, "bin")).FullName;
        File.Copy("/bin/busybox", Path.Combine(bin, "busybox"));
        foreach (var applet in Applets)
        {
            File.CreateSymbolicLink(Path.Combine(bin, applet), "busybox");
        }

        Directory.CreateDirectory(Path.Combine(rootfs, "etc"));
    }

    public void Dispose() => _scratch.Dispose();
}
