using Firmware.Kernel.Modules;

namespace Firmware.Kernel.Tests.Modules;

[Trait("Category", "Unit")]
public sealed class ModuleResolverTests
{
    private static ModuleIndex Index(string[] builtin, params (string Name, string[] Depends, string[] Soft)[] modules) =>
        new("6.1.0-test", modules.Select(m => new KernelModule(m.Name, $"kernel/{m.Name}.ko", m.Depends, m.Soft)), builtin);

    [Fact]
    public void Dependencies_come_before_their_users_and_each_module_once()
    {
        var index = Index([],
            ("squashfs", [], []), ("ext4", ["mbcache", "jbd2", "crc16"], ["crc32c"]), ("jbd2", [], []), ("mbcache", [], []),
            ("crc16", [], []), ("vfat", ["fat"], []), ("fat", [], []));
        var plan = ModuleResolver.Resolve(index, ["squashfs", "ext4", "vfat", "fat"]);
        Assert.Equal(["squashfs", "mbcache", "jbd2", "crc16", "ext4", "fat", "vfat"], plan.Load.Select(m => m.Name));
        Assert.Equal("6.1.0-test", plan.Version);
    }

    [Fact]
    public void Soft_dependencies_load_first_when_present()
    {
        var index = Index([], ("squashfs", [], []), ("ext4", ["jbd2"], ["crc32c_generic"]), ("jbd2", [], []), ("crc32c_generic", [], []));
        Assert.Equal(["squashfs", "crc32c_generic", "jbd2", "ext4"], ModuleResolver.Resolve(index, ["squashfs", "ext4"]).Load.Select(m => m.Name));
    }

    [Fact]
    public void Built_in_modules_are_reported_not_loaded()
    {
        var index = Index(["squashfs", "nls_cp437"], ("vfat", ["fat"], []), ("fat", [], []));
        var plan = ModuleResolver.Resolve(index, ["squashfs", "vfat", "nls-cp437"]);
        Assert.Equal(["fat", "vfat"], plan.Load.Select(m => m.Name));
        Assert.Equal(["nls_cp437", "squashfs"], plan.Builtin);
    }

    [Fact]
    [Trait("Category", "Malformed")]
    public void A_kernel_without_squashfs_is_the_root_filesystem_error()
    {
        var index = Index([], ("ext4", [], []));
        var error = Assert.Throws<KernelException>(() => ModuleResolver.Resolve(index, ["ext4"]));
        Assert.Equal(KernelError.RootFilesystemModuleMissing, error.Error);
        Assert.Contains("6.1.0-test", error.Message, StringComparison.Ordinal);
        Assert.Contains("squashfs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Malformed")]
    public void A_missing_dependency_names_the_module_the_user_and_the_kernel()
    {
        var index = Index([], ("squashfs", [], []), ("ext4", ["jbd2"], []));
        var error = Assert.Throws<KernelException>(() => ModuleResolver.Resolve(index, ["ext4"]));
        Assert.Equal(KernelError.ModuleMissing, error.Error);
        Assert.Equal("jbd2", error.Entry);
        Assert.Contains("needed by ext4", error.Message, StringComparison.Ordinal);
        Assert.Contains("kernel 6.1.0-test", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Modules_dep_lines_parse_to_names()
    {
        var modules = ModuleIndexFiles.ParseDep(["kernel/fs/ext4/ext4.ko: kernel/lib/crc16.ko kernel/fs/jbd2/jbd2.ko", "kernel/lib/crc16.ko:", "", "kernel/arch/x86/crypto/crc32c-intel.ko:"], "modules.dep");
        Assert.Equal(["ext4", "crc16", "crc32c_intel"], modules.Select(m => m.Name));
        Assert.Equal(["crc16", "jbd2"], modules[0].Depends);
    }

    [Fact]
    [Trait("Category", "Malformed")]
    public void A_bad_modules_dep_line_names_file_and_line()
    {
        var error = Assert.Throws<KernelException>(() => ModuleIndexFiles.ParseDep(["kernel/a.ko:", "garbage"], "/x/modules.dep"));
        Assert.Equal(KernelError.MalformedModuleIndex, error.Error);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("/x/modules.dep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_board_has_the_common_set_and_unknown_boards_are_misuse()
    {
        foreach (var board in new[] { "qemu-x86_64", "qemu-arm64", "raspberrypi4", "generic-x86_64" })
        {
            Assert.Equal(BoardModules.Common, BoardModules.For(board).Take(BoardModules.Common.Count));
        }

        Assert.Equal("board", Assert.Throws<ArgumentException>(() => BoardModules.For("nope")).ParamName);
    }
}
