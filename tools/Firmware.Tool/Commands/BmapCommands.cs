using System.CommandLine;
using Firmware.Cli;
using Firmware.Flash.Bmap;

namespace Firmware.Tool.Commands;

/// <summary><c>fwtool bmap create IMAGE [--out FILE]</c>.</summary>
internal static class BmapCommands
{
    public static Command Create()
    {
        var image = new Argument<string>("IMAGE") { Description = "A raw (uncompressed) image file, sparse where it holds no data." };
        var output = new Option<string?>("--out") { Description = "The bmap to write; default IMAGE.bmap." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var create = new Command("create", "Write the block map (bmap 2.0, as bmaptool reads it) of an image.") { image, output, force };
        create.SetAction((result, cancellationToken) => CommandRunner.RunAsync("fwtool", false, async () =>
        {
            var imagePath = result.GetValue(image)!;
            var path = result.GetValue(output) ?? imagePath + ".bmap";
            var map = BmapCreator.Create(imagePath, cancellationToken: cancellationToken);
            var bytes = BmapFile.Write(map);
            await OutputFile.WriteAsync(path, result.GetValue(force), s => s.WriteAsync(bytes, cancellationToken).AsTask(), cancellationToken: cancellationToken);
            Console.WriteLine($"wrote {path}: {map.Ranges.Count} ranges, {Units.Bytes(map.MappedBytes)} mapped of {Units.Bytes(map.ImageSize)}");
            return ExitCodes.Ok;
        }, FlashFailures.Classify));
        return new Command("bmap", "Block maps: write only what holds data.") { create };
    }
}
