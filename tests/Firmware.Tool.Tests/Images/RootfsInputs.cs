namespace Firmware.Tool.Tests.Images;

/// <summary>
/// The images firmware/images/minimal.yml names, built once per test run with <c>fwtool pkg build</c>
/// from the packages under firmware/packages (busybox-static and runc from Debian, fwinit published
/// with NativeAOT, glibc, libseccomp and OpenSSL by the libc package's fetch.sh, for amd64 and arm64), plus a
/// LinuxKit kernel image made here from Debian's kernel package, and a docker-registry on 127.0.0.1
/// serving fw/busybox:dev. <see cref="Sources"/> maps every reference of the spec to its layout or to
/// the registry.
/// </summary>
public sealed class RootfsInputs : IDisposable
{
    private readonly RegistryProcess _registry;

    public RootfsInputs()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("fw-rootfs-inputs-").FullName;
        System.IO.Directory.CreateDirectory(PathOf("packages"));
        Package("busybox", ("busybox-static", "bin/busybox", "busybox"));
        Package("init", ("busybox-static", "bin/busybox", "busybox"));
        LibcPackage();
        Package("runc", ("runc", "usr/sbin/runc", "runc"));
        KernelPackage();
        _registry = new RegistryProcess(System.IO.Directory.CreateDirectory(PathOf("registry")).FullName, "");
        var push = ProcessRunner.Run("skopeo", ["copy", "--all", "--dest-tls-verify=false", "oci:layouts/busybox:dev", $"docker://{_registry.Host}/fw/busybox:dev"], Directory);
        Assert.True(push.ExitCode == 0, push.ToString());
    }

    /// <summary>Where the layouts and the registry live.</summary>
    public string Directory { get; }

    /// <summary>The registry's host:port.</summary>
    public string RegistryHost => _registry.Host;

    /// <summary>The --source options that map minimal.yml's references: busybox from the registry, the rest from layouts.</summary>
    public string[] Sources =>
    [
        "--source", $"fw/kernel:dev=oci:{PathOf("layouts/kernel")}:dev",
        "--source", $"fw/init:dev=oci:{PathOf("layouts/init")}:dev",
        "--source", $"fw/libc:dev=oci:{PathOf("layouts/libc")}:dev",
        "--source", $"fw/runc:dev=oci:{PathOf("layouts/runc")}:dev",
        "--source", $"fw/busybox:dev=docker://{RegistryHost}/fw/busybox:dev",
    ];

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>The repository's minimal.yml.</summary>
    public static string MinimalSpec => Repository.PathOf("firmware", "images", "minimal.yml");

    // A copy of firmware/packages/NAME with each Debian binary at bin/ARCH/FILE, built to layouts/NAME tagged dev.
    private void Package(string name, params (string Package, string Path, string As)[] binaries)
    {
        var copy = PathOf("packages/" + name);
        Expect(ProcessRunner.Run("cp", ["-a", Repository.PathOf("firmware", "packages", name), copy], Directory));
        foreach (var arch in new[] { "amd64", "arm64" })
        {
            System.IO.Directory.CreateDirectory(Path.Combine(copy, "bin", arch));
            foreach (var (package, path, target) in binaries)
            {
                File.Copy(DebianDownloads.Extract(package, arch, path), Path.Combine(copy, "bin", arch, target), overwrite: true);
            }

            if (name == "init")
            {
                var published = PathOf($"publish/{arch}");
                NativePublish.Run(Repository.PathOf("firmware", "Firmware.Init.Exe", "Firmware.Init.Exe.csproj"), arch == "amd64" ? "linux-x64" : "linux-arm64", published);
                File.Copy(Path.Combine(published, "fwinit"), Path.Combine(copy, "bin", arch, "fwinit"), overwrite: true);
            }
        }

        Build(copy, name);
    }

    // firmware/packages/libc with root/ARCH made by its own fetch.sh, as a build does.
    private void LibcPackage()
    {
        var copy = PathOf("packages/libc");
        Expect(ProcessRunner.Run("cp", ["-a", Repository.PathOf("firmware", "packages", "libc"), copy], Directory));
        foreach (var arch in new[] { "amd64", "arm64" })
        {
            Expect(ProcessRunner.Run("sh", [Path.Combine(copy, "fetch.sh"), arch], Directory));
        }

        Build(copy, "libc");
    }

    // LinuxKit's kernel image layout: /kernel and /kernel.tar holding lib/modules/VERSION, from
    // Debian's linux-image package. The tar holds the module directories the boards' initramfs
    // draws from (docs/kernel.md: file systems, block and virtio drivers, crypto, lib; for
    // generic-x86_64 the ATA, NVMe, SCSI disk and USB storage drivers; for raspberrypi4 the MMC drivers),
    // virtio_net and what it needs (the gateway's NIC), the power button's ACPI button driver (a module
    // on amd64 only) and evdev, and the builtin list, not all 400 MB of modules.
    private void KernelPackage()
    {
        var directory = System.IO.Directory.CreateDirectory(PathOf("packages/kernel")).FullName;
        foreach (var arch in new[] { "amd64", "arm64" })
        {
            var package = KernelPackageName(arch);
            var version = package["linux-image-".Length..];
            var vmlinuz = DebianDownloads.Extract(package, arch, $"boot/vmlinuz-{version}");
            var root = Path.GetDirectoryName(Path.GetDirectoryName(vmlinuz))!;
            var target = System.IO.Directory.CreateDirectory(Path.Combine(directory, arch)).FullName;
            File.Copy(vmlinuz, Path.Combine(target, "kernel"), overwrite: true);
            var modules = $"lib/modules/{version}";
            Expect(ProcessRunner.Run("tar", ["cf", Path.Combine(target, "kernel.tar"), "--owner=0", "--group=0", "--mtime=@0", "--sort=name",
                .. new[] { "kernel/fs", "kernel/drivers/block", "kernel/drivers/virtio", "kernel/crypto", "kernel/lib", "kernel/drivers/net/virtio_net.ko", "kernel/drivers/net/net_failover.ko", "kernel/net/core/failover.ko", "kernel/drivers/input/evdev.ko", "modules.builtin", "modules.order" }
                    .Concat(BoardDrivers.Where(d => Path.Exists(Path.Combine(root, modules, d))))
                    .Select(p => $"{modules}/{p}")], root));
        }

        File.WriteAllText(Path.Combine(directory, "pkg.yml"), """
            name: fw/kernel
            architectures: [amd64, arm64]
            files:
              - source: ${arch}/kernel
                destination: /kernel
                mode: "0644"
              - source: ${arch}/kernel.tar
                destination: /kernel.tar
                mode: "0644"
            """);
        Build(directory, "kernel");
        Build(directory, "kernel-amd64", "--arch", "amd64");
    }

    // Disk controllers of the boards beyond QEMU's virtio: SATA/NVMe/USB (generic-x86_64), SD/MMC
    // (raspberrypi4), with what their dependencies reach (libata, t10-pi in block/, usbcore). Of
    // drivers/scsi (22 MB) only the SCSI core and disk driver; an architecture without one skips it.
    private static readonly string[] BoardDrivers =
        ["kernel/block", "kernel/drivers/ata", "kernel/drivers/nvme", "kernel/drivers/scsi/scsi_mod.ko", "kernel/drivers/scsi/scsi_common.ko",
         "kernel/drivers/acpi/button.ko", "kernel/drivers/scsi/sd_mod.ko", "kernel/drivers/usb/storage", "kernel/drivers/usb/host", "kernel/drivers/usb/common",
         "kernel/drivers/usb/core", "kernel/drivers/mmc"];

    // The package linux-image-ARCH depends on, e.g. linux-image-6.1.0-57-amd64.
    internal static string KernelPackageName(string arch)
    {
        var depends = ProcessRunner.Run("apt-cache", ["depends", $"linux-image-{arch}:{arch}"], "/");
        Expect(depends);
        return depends.Stdout.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("Depends: linux-image-", StringComparison.Ordinal))["Depends: ".Length..].Split(':')[0];
    }

    private void Build(string package, string name, params string[] extra)
    {
        using var cli = new CliRunner();
        Expect(cli.Fwtool(Fixture.Epoch, ["pkg", "build", package, "--out", PathOf("layouts/" + name), "--tag", "dev", .. extra]));
    }

    private static void Expect(ProcessResult result) => Assert.True(result.ExitCode == 0, result.ToString());

    public void Dispose()
    {
        _registry.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
