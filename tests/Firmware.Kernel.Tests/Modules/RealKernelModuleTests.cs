using Firmware.Kernel.Modules;
using Firmware.Kernel.Tests.Support;

namespace Firmware.Kernel.Tests.Modules;

[Collection(KernelGroup.Name)]
[Trait("Category", "Integration")]
public sealed class RealKernelModuleTests(KernelFixture kernel)
{
    [Fact]
    public void Modinfo_dependencies_match_what_depmod_derives_from_symbols()
    {
        var scanned = ModuleIndex.Scan(kernel.Tree);
        new DepmodTool().Run(kernel.Tree);
        var depmod = ModuleIndexFiles.Read(kernel.Tree);

        Assert.True(scanned.Modules.Count > 3000, $"{scanned.Modules.Count} modules");
        Assert.Equal(depmod.Modules.Keys, scanned.Modules.Keys);
        foreach (var (name, module) in depmod.Modules)
        {
            // modules.dep lists the whole closure; .modinfo the direct dependencies. Compare closures.
            Assert.True(Closure(depmod, name).SetEquals(Closure(scanned, name)), $"{name}: depmod {string.Join(',', Closure(depmod, name).Order())} vs modinfo {string.Join(',', Closure(scanned, name).Order())}");
            Assert.Equal(module.Path, scanned.Modules[name].Path);
        }

        Assert.Equal(depmod.Builtin, scanned.Builtin);
    }

    [Fact]
    public void The_qemu_board_set_resolves_in_load_order()
    {
        var plan = ModuleResolver.Resolve(ModuleIndex.Scan(kernel.Tree), BoardModules.For("qemu-x86_64"));
        var names = plan.Load.Select(m => m.Name).ToList();
        foreach (var wanted in new[] { "squashfs", "overlay", "ext4", "jbd2", "mbcache", "vfat", "fat", "nls_ascii", "virtio_blk", "virtio_pci", "loop", "crc32c_generic", "nls_cp437", "button", "evdev" })
        {
            Assert.Contains(wanted, names);
        }

        Assert.True(names.IndexOf("jbd2") < names.IndexOf("ext4"));
        Assert.True(names.IndexOf("fat") < names.IndexOf("vfat"));
        var loaded = new HashSet<string>(plan.Builtin);
        foreach (var module in plan.Load)
        {
            Assert.All(module.Depends, d => Assert.Contains(d, loaded));
            loaded.Add(module.Name);
        }
    }

    [Theory]
    [InlineData("amd64", "qemu-x86_64")]
    [InlineData("amd64", "generic-x86_64")]
    [InlineData("arm64", "qemu-arm64")]
    [InlineData("arm64", "raspberrypi4")]
    public void Every_board_resolves_on_Debians_kernel_for_its_architecture(string arch, string board)
    {
        var plan = ModuleResolver.Resolve(ModuleIndex.Load(kernel.TreeFor(arch)), BoardModules.For(board));
        var present = plan.Load.Select(m => m.Name).Concat(plan.Builtin).ToHashSet();
        Assert.All(BoardModules.For(board), name => Assert.Contains(name, present));
    }

    [Fact]
    public void The_power_button_driver_is_loaded_on_amd64_and_built_in_on_arm64()
    {
        var x86 = ModuleResolver.Resolve(ModuleIndex.Load(kernel.TreeFor("amd64")), BoardModules.For("qemu-x86_64"));
        Assert.Contains("button", x86.Load.Select(m => m.Name));
        var arm = ModuleResolver.Resolve(ModuleIndex.Load(kernel.TreeFor("arm64")), BoardModules.For("qemu-arm64"));
        Assert.Contains("button", arm.Builtin);
        Assert.Contains("evdev", arm.Load.Select(m => m.Name));
    }

    [Fact]
    [Trait("Category", "Malformed")]
    public void An_unknown_module_names_the_kernel_version()
    {
        var error = Assert.Throws<KernelException>(() => ModuleResolver.Resolve(ModuleIndex.Scan(kernel.Tree), ["squashfs", "no_such_driver"]));
        Assert.Equal(KernelError.ModuleMissing, error.Error);
        Assert.Contains(kernel.Tree.Version, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Malformed")]
    public void Debians_kernel_without_squashfs_ko_has_no_root_filesystem()
    {
        var index = ModuleIndex.Load(kernel.Tree);
        var stripped = new ModuleIndex(index.Version, index.Modules.Values.Where(m => m.Name != "squashfs"), index.Builtin);
        var error = Assert.Throws<KernelException>(() => ModuleResolver.Resolve(stripped, BoardModules.For("qemu-x86_64")));
        Assert.Equal(KernelError.RootFilesystemModuleMissing, error.Error);
        Assert.Equal($"kernel {index.Version} has no module for the root filesystem: no squashfs.ko and squashfs is not in modules.builtin (in {index.Version}, entry 'squashfs')", error.Message);
    }

    [Fact]
    [Trait("Category", "Malformed")]
    public void A_missing_depmod_names_the_kmod_package()
    {
        var error = Assert.Throws<KernelException>(() => new DepmodTool("/nonexistent/depmod").Run(kernel.Tree));
        Assert.Equal(KernelError.ToolMissing, error.Error);
        Assert.Contains("kmod", error.Message, StringComparison.Ordinal);
    }

    private static HashSet<string> Closure(ModuleIndex index, string name)
    {
        var seen = new HashSet<string>();
        var stack = new Stack<string>(index.Modules[name].Depends);
        while (stack.TryPop(out var next))
        {
            if (seen.Add(next) && index.Modules.TryGetValue(next, out var module))
            {
                foreach (var d in module.Depends)
                {
                    stack.Push(d);
                }
            }
        }

        return seen;
    }
}
