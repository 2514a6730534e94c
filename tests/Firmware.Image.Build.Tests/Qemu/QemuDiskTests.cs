using Firmware.Image.Build.Qemu;

namespace Firmware.Image.Build.Tests.Qemu;

[Trait("Category", "Unit")]
public sealed class QemuDiskTests
{
    [Fact]
    public void A_persistent_disk_is_copied_from_the_image_once_and_then_kept_as_the_guest_left_it()
    {
        using var scratch = new ScratchDirectory();
        var image = scratch.Of("image.img");
        File.WriteAllText(image, "as built");
        var disk = QemuDisk.Persistent(scratch.Of("board.img"));

        var booted = disk.Prepare(image, scratch.Path);
        Assert.Equal(scratch.Of("board.img"), booted);
        Assert.Equal("as built", File.ReadAllText(booted));

        File.WriteAllText(booted, "written by the guest");
        Assert.Equal(booted, disk.Prepare(image, scratch.Path));
        Assert.Equal("written by the guest", File.ReadAllText(booted));
        Assert.Equal("as built", File.ReadAllText(image));
        Assert.False(File.Exists(booted + ".partial"));
    }

    [Fact]
    public void A_temporary_copy_is_made_in_the_session_folder_and_the_image_itself_is_booted_as_is()
    {
        using var scratch = new ScratchDirectory();
        var image = scratch.Of("image.img");
        File.WriteAllText(image, "as built");
        var work = Directory.CreateDirectory(scratch.Of("work")).FullName;

        Assert.Equal(Path.Combine(work, "image.img"), QemuDisk.TemporaryCopy.Prepare(image, work));
        Assert.Equal("as built", File.ReadAllText(Path.Combine(work, "image.img")));
        Assert.Equal(image, QemuDisk.Image.Prepare(image, work));
    }
}
