using Firmware.Rootfs.Listing;
using Firmware.Rootfs.Tests.Support;

namespace Firmware.Rootfs.Tests.Listing;

[Trait("Category", "Unit")]
public sealed class ContentListingTests : TreeTestBase
{
    [Fact]
    public void Every_entry_is_one_line_with_type_mode_owner_size_digest_and_link_target()
    {
        Fixture.Apply(SampleTrees.WithXattrs());

        var busybox = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("busybox binary"u8));
        Assert.Equal($"""
            d 0755 0/0 - - /
            d 0755 0/0 - - /bin
            f 0755 0/0 14 {busybox} /bin/busybox
            f 0755 0/0 14 {busybox} /bin/ls => /bin/busybox
            f 0755 0/0 4 758d61f26a44448384e5c4468a0dcb7a2abe456067b0f7b505bc28b9411fe931 /bin/ping xattr security.capability=0x0100000200200000000000000000000000000000 xattr user.origin=0x6c61796572206f6e65
            f 0755 0/0 14 {busybox} /bin/sh => /bin/busybox
            f 4755 0/0 2 0a64ce10853f25cb3dc3f7d498f62d72b406be37ba8caf5aa7671414d9696049 /bin/su
            l 0777 0/0 - - /bin/vi -> busybox
            d 0755 0/0 - - /dev
            c 0666 0/0 1,3 - /dev/null
            b 0660 0/6 8,0 - /dev/sda
            d 0755 0/0 - - /home
            d 0750 1000/1000 - - /home/user
            f 0644 1000/100 4 0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5 /home/user/copy of notes
            f 0600 1000/100 4 0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5 /home/user/notes
            l 0777 0/0 - - /lib -> usr/lib
            d 0755 0/0 - - /run
            p 0600 0/0 - - /run/initctl
            d 1777 0/0 - - /tmp
            d 0755 0/0 - - /usr
            d 0755 0/0 - - /usr/lib
            f 0644 0/0 0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 /usr/lib/empty

            """.Replace("\r", "", StringComparison.Ordinal), ContentListing.ToText(Fixture.Tree));
    }

    [Fact]
    public void Control_characters_and_backslashes_in_names_are_escaped_so_each_entry_stays_one_line()
    {
        Fixture.Tree.AddFile("/a\nb\\c", ""u8, (UnixFileMode)0b110_100_100, 0, 0);

        Assert.EndsWith(@" /a\x0ab\\c" + "\n", ContentListing.ToText(Fixture.Tree), StringComparison.Ordinal);
    }

    [Fact]
    public void Long_xattr_values_are_listed_by_digest()
    {
        var node = Fixture.Tree.AddFile("/f", ""u8, (UnixFileMode)0b110_100_100, 0, 0);
        node.Xattrs["security.selinux"] = new byte[65];

        Assert.Contains(" xattr security.selinux=sha256:", ContentListing.ToText(Fixture.Tree), StringComparison.Ordinal);
    }
}
