using Firmware.Rootfs.Squashfs;
using Firmware.Rootfs.Tests.Support;

namespace Firmware.Rootfs.Tests.Squashfs;

[Trait("Category", "Unit")]
public sealed class SquashfsImageWriterTests : TreeTestBase
{
    /// <summary>Records the command line and what it was given instead of running mksquashfs.</summary>
    private sealed class RecordingTool(bool fail = false, int uid = 0) : ISquashfsTool
    {
        public (int Uid, int Gid) RunsAs => (uid, uid);

        public List<IReadOnlyList<string>> Calls { get; } = [];

        public long StandardInputBytes { get; private set; }

        public string? PseudoFile { get; private set; }

        public void Run(MksquashfsCommand command, Action<Stream>? standardInput)
        {
            var arguments = command.Arguments;
            Calls.Add(arguments);
            if (standardInput is not null)
            {
                using var sink = new MemoryStream();
                standardInput(sink);
                StandardInputBytes = sink.Length;
            }

            var pf = arguments.ToList().IndexOf("-pf");
            PseudoFile = pf < 0 ? null : File.ReadAllText(arguments[pf + 1]);
            if (fail)
            {
                throw new RootfsException(RootfsError.ToolFailed, "mksquashfs failed");
            }

            File.WriteAllText(arguments[1], "image");
        }
    }

    [Fact]
    public void A_tree_without_xattrs_goes_through_a_pseudo_file_over_an_empty_directory()
    {
        Fixture.Apply(SampleTrees.Everything());
        var tool = new RecordingTool();
        var output = Path.Combine(Fixture.Scratch, "rootfs.img");

        new SquashfsImageWriter(tool).Write(Fixture.Tree, output);

        var args = Assert.Single(tool.Calls);
        Assert.Equal("-pf", args[2]);
        Assert.Contains("bin/sh L bin/busybox", tool.PseudoFile, StringComparison.Ordinal);
        Assert.Equal("image", File.ReadAllText(output));
        Assert.Equal(["rootfs.img", "store"], Directory.GetFileSystemEntries(Fixture.Scratch).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_tree_with_xattrs_goes_through_a_tar_on_standard_input()
    {
        Fixture.Apply(SampleTrees.WithXattrs());
        var tool = new RecordingTool();

        new SquashfsImageWriter(tool).Write(Fixture.Tree, Path.Combine(Fixture.Scratch, "rootfs.img"));

        var args = Assert.Single(tool.Calls);
        Assert.Equal(["-", args[1], "-tar"], args.Take(3));
        Assert.True(tool.StandardInputBytes > 0);
    }

    [Fact]
    public void A_tar_built_image_whose_root_would_take_the_builders_owner_is_refused()
    {
        Fixture.Apply(SampleTrees.WithXattrs());
        var tool = new RecordingTool(uid: 1000);

        var error = Assert.Throws<RootfsException>(() => new SquashfsImageWriter(tool).Write(Fixture.Tree, Path.Combine(Fixture.Scratch, "rootfs.img")));

        Assert.Equal(RootfsError.NotRepresentable, error.Error);
        Assert.Contains("1000:1000", error.Message, StringComparison.Ordinal);
        Assert.Empty(tool.Calls);
    }

    [Fact]
    public void Asking_for_a_pseudo_file_for_a_tree_with_xattrs_is_refused_not_a_silent_loss()
    {
        Fixture.Apply(SampleTrees.WithXattrs());

        var error = Assert.Throws<RootfsException>(() => new SquashfsImageWriter(new RecordingTool())
            .Write(Fixture.Tree, Path.Combine(Fixture.Scratch, "rootfs.img"), new SquashfsOptions { Input = SquashfsInput.PseudoFile }));

        Assert.Equal(RootfsError.NotRepresentable, error.Error);
        Assert.Equal("/bin/ping", error.Entry);
    }

    [Fact]
    public void A_failed_run_leaves_neither_output_nor_work_files()
    {
        Fixture.Apply(SampleTrees.Everything());
        var output = Path.Combine(Fixture.Scratch, "rootfs.img");

        Assert.Throws<RootfsException>(() => new SquashfsImageWriter(new RecordingTool(fail: true)).Write(Fixture.Tree, output));

        Assert.Equal(["store"], Directory.GetFileSystemEntries(Fixture.Scratch).Select(Path.GetFileName));
    }

    [Fact]
    public void A_missing_mksquashfs_names_the_package_to_install()
    {
        Fixture.Apply(SampleTrees.Everything());
        var tool = new MksquashfsTool(Path.Combine(Fixture.Scratch, "no-such-mksquashfs"));

        var error = Assert.Throws<RootfsException>(() => new SquashfsImageWriter(tool).Write(Fixture.Tree, Path.Combine(Fixture.Scratch, "o.img")));

        Assert.Equal(RootfsError.ToolMissing, error.Error);
        Assert.Contains("squashfs-tools", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Fixture.Scratch, "o.img")));
    }
}
