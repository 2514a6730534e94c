using Firmware.Flash.Bmap;

namespace Firmware.Flash.Tests.Bmap;

/// <summary>bmaptool (bmap-tools) is the peer: it must accept our bmap files, and we theirs.</summary>
[Trait("Category", "Integration")]
public sealed class BmaptoolInteropTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();
    private readonly string _image;

    public BmaptoolInteropTests() =>
        _image = _dir.SparseImage("disk.img", 64L << 20, (0, 8192), (1 << 20, 3 << 20), (40L << 20, 12345), ((64L << 20) - 100, 100));

    [Fact]
    public void Our_map_has_the_ranges_and_checksums_bmaptool_computes()
    {
        Assert.Equal(0, ProcessRunner.Run("bmaptool", ["create", "-o", "theirs.bmap", _image], _dir.Path).ExitCode);

        var theirs = BmapFile.Parse(File.ReadAllBytes(_dir.Of("theirs.bmap")));
        var ours = BmapCreator.Create(_image);

        Assert.Equal(theirs.Ranges, ours.Ranges);
        Assert.Equal(theirs.ImageSize, ours.ImageSize);
    }

    [Fact]
    public void Bmaptool_copies_with_our_map()
    {
        File.WriteAllBytes(_dir.Of("ours.bmap"), BmapFile.Write(BmapCreator.Create(_image)));

        var copy = ProcessRunner.Run("bmaptool", ["copy", "--bmap", "ours.bmap", _image, "copy.img"], _dir.Path);

        Assert.True(copy.ExitCode == 0, copy.ToString());
        Assert.Equal(File.ReadAllBytes(_image), File.ReadAllBytes(_dir.Of("copy.img")));
    }

    public void Dispose() => _dir.Dispose();
}
