using System.Diagnostics;
using Firmware.Rootfs.Layers;
using Firmware.Rootfs.Listing;
using Firmware.Rootfs.Squashfs;
using Firmware.Rootfs.Tree;

// Usage: Firmware.Rootfs.Bench LAYER.tar STAGING-DIR OUTPUT.img [pseudo|tar]
// Applies one layer, writes the squashfs and its listing, and prints "apply_ms write_ms listing_ms".
if (args.Length is < 3 or > 4)
{
    Console.Error.WriteLine("usage: Firmware.Rootfs.Bench LAYER.tar STAGING-DIR OUTPUT.img [pseudo|tar]");
    return 2;
}

var input = args.Length == 4 && args[3] == "tar" ? SquashfsInput.Tar : SquashfsInput.PseudoFile;
var clock = Stopwatch.StartNew();
var tree = new RootfsTree(new ContentStore(args[1]));
using (var layer = File.OpenRead(args[0]))
{
    OciLayer.Apply(tree, layer, Path.GetFileName(args[0]));
}

var apply = clock.Elapsed.TotalMilliseconds;
clock.Restart();
new SquashfsImageWriter().Write(tree, args[2], new SquashfsOptions { SourceDateEpoch = 0, Input = input });
var write = clock.Elapsed.TotalMilliseconds;
clock.Restart();
using (var listing = new StreamWriter(args[2] + ".list"))
{
    ContentListing.Write(tree, listing);
}

Console.WriteLine(FormattableString.Invariant($"{apply:F0} {write:F0} {clock.Elapsed.TotalMilliseconds:F0}"));
return 0;
