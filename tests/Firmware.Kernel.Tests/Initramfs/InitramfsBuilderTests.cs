using Firmware.Kernel.Initramfs;
using Firmware.Kernel.Modules;
using Firmware.Kernel.Tests.Support;

namespace Firmware.Kernel.Tests.Initramfs;

[Collection(KernelGroup.Name)]
[Trait("Category", "Integration")]
public sealed class InitramfsBuilderTests(KernelFixture kernel)
{
    [Fact]
    public void The_qemu_initramfs_holds_busybox_init_console_and_the_modules_in_load_order()
    {
        var plan = Plan(kernel, 1700000000);
        var prefix = $"lib/modules/{kernel.Tree.Version}/";
        Assert.Contains(plan.Items, i => i is { Path: "init", Kind: "init" });
        Assert.Contains(plan.Items, i => i is { Path: "bin/busybox", Kind: "busybox" } && i.Bytes > 1 << 20);
        Assert.Contains(plan.Items, i => i is { Path: "dev/console", Kind: "device" });
        Assert.Equal(plan.Modules.Load.Count, plan.Items.Count(i => i.Kind == "module"));
        Assert.Equal(plan.Items.Select(i => i.Path).Order(StringComparer.Ordinal), plan.Items.Select(i => i.Path));

        using var scratch = new ScratchDirectory();
        using (var output = File.Create(scratch.Of("initrd.img")))
        {
            InitramfsBuilder.Write(plan, output);
        }

        var listing = ProcessRunner.Run("sh", ["-c", "gzip -dc initrd.img | cpio -t -v --quiet"], scratch.Path);
        Assert.True(listing.ExitCode == 0, listing.ToString());
        Assert.Contains("crw------- ", listing.Stdout, StringComparison.Ordinal);
        Directory.CreateDirectory(scratch.Of("root"));
        var unpack = ProcessRunner.Run("sh", ["-c", "gzip -dc ../initrd.img | cpio -i -d --quiet"], scratch.Of("root"));
        Assert.True(unpack.ExitCode == 0, unpack.ToString());
        var order = File.ReadAllLines(scratch.Of("root/" + prefix + InitramfsBuilder.LoadList));
        Assert.Equal(plan.Modules.Load.Select(m => m.Path), order);
        Assert.All(order, path => Assert.True(File.Exists(scratch.Of("root/" + prefix + path)), path));
        Assert.Equal(kernel.Busybox, File.ReadAllBytes(scratch.Of("root/bin/busybox")));
        // The script is valid shell for the busybox that runs it.
        var syntax = ProcessRunner.Run(scratch.Of("root/bin/busybox"), ["sh", "-n", scratch.Of("root/init")], scratch.Path);
        Assert.True(syntax.ExitCode == 0, syntax.ToString());
    }

    [Fact]
    public void The_same_inputs_give_the_same_bytes_and_the_epoch_shows()
    {
        var first = Bytes(Plan(kernel, 1700000000));
        Assert.Equal(first, Bytes(Plan(kernel, 1700000000)));
        Assert.NotEqual(first, Bytes(Plan(kernel, 1700000001)));
    }

    [Fact]
    public void A_module_plan_for_another_kernel_is_misuse()
    {
        var modules = ModuleResolver.Resolve(ModuleIndex.Load(kernel.Tree), ["squashfs"]) with { Version = "0.0.0" };
        Assert.Equal("modules", Assert.Throws<ArgumentException>(() => InitramfsBuilder.Plan(kernel.Tree, modules, new InitramfsOptions(kernel.Busybox, 0))).ParamName);
    }

    internal static InitramfsPlan Plan(KernelFixture kernel, long mtime, string board = "qemu-x86_64") =>
        InitramfsBuilder.Plan(kernel.Tree, ModuleResolver.Resolve(ModuleIndex.Load(kernel.Tree), BoardModules.For(board)), new InitramfsOptions(kernel.Busybox, mtime));

    private static byte[] Bytes(InitramfsPlan plan)
    {
        var output = new MemoryStream();
        InitramfsBuilder.Write(plan, output);
        return output.ToArray();
    }
}
