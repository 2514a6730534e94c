using Firmware.Boot;

namespace Firmware.Core.Tests.Boot;

/// <summary>grub-editenv (grub-common) is the peer: it must read what we write, and we what it writes.</summary>
[Trait("Category", "Integration")]
public sealed class GrubEnvironmentBlockTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("grubenv-").FullName;

    private string File(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Grub_editenv_lists_what_we_write_escapes_included()
    {
        var block = new GrubEnvironmentBlock();
        block.Set("boot_slot", "B");
        block.Set("tries", "3");
        block.Set("odd", "back\\slash and\nnewline");
        System.IO.File.WriteAllBytes(File("grubenv"), block.ToBytes());

        var listed = Peer.Run("grub-editenv", File("grubenv"), "list");

        Assert.Equal("boot_slot=B\ntries=3\nodd=back\\slash and\nnewline\n", listed);
    }

    [Fact]
    public void We_read_what_grub_editenv_writes()
    {
        Peer.Run("grub-editenv", File("grubenv"), "create");
        Peer.Run("grub-editenv", File("grubenv"), "set", "boot_slot=A", "odd=x\\y\nz");
        Peer.Run("grub-editenv", File("grubenv"), "set", "boot_slot=B");

        var block = GrubEnvironmentBlock.Parse(System.IO.File.ReadAllBytes(File("grubenv")));

        Assert.Equal("B", block["boot_slot"]);
        Assert.Equal("x\\y\nz", block["odd"]);
        Assert.Equal(System.IO.File.ReadAllBytes(File("grubenv")), block.ToBytes());
    }

    [Fact]
    public void A_block_without_the_signature_is_refused()
    {
        var junk = new byte[1024];

        Assert.Throws<BootEnvironmentException>(() => GrubEnvironmentBlock.Parse(junk));
    }

    [Fact]
    public void Variables_that_do_not_fit_are_refused_rather_than_truncated()
    {
        var block = new GrubEnvironmentBlock();
        block.Set("big", new string('x', 1000));

        Assert.Throws<BootEnvironmentException>(() => block.ToBytes());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
