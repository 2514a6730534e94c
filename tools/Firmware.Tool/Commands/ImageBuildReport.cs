using Firmware.Cli;
using Firmware.Image.Build;

namespace Firmware.Tool.Commands;

/// <summary>What <c>fwtool image build</c> prints: the plan, and what was written.</summary>
internal static class ImageBuildReport
{
    public static void Print(ImageBuildPlan plan, ImageBuildResult? built, TimeSpan elapsed, bool json)
    {
        if (json)
        {
            PrintJson(plan, built, elapsed);
            return;
        }

        Console.WriteLine(built is null
            ? $"planned {plan.Stem} in {elapsed.TotalSeconds:F2} s (dry run: nothing written)"
            : $"built {plan.Stem} in {elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"  disk {Units.Bytes(plan.Table.DiskBytes)} ({plan.Table.DiskBytes} bytes), GPT, sector {plan.Table.SectorSize}");
        foreach (var p in plan.Partitions)
        {
            Console.WriteLine($"  {p.Number} {p.Name,-10} {p.Role,-6} offset {p.Offset,12} size {p.Size,12}  {p.Contents}");
        }

        Console.WriteLine($"  esp  {string.Join(", ", plan.EspFiles)}");
        foreach (var file in new[] { plan.ImageFile, plan.BmapFile, plan.BundleFile })
        {
            Console.WriteLine($"  out  {file}");
        }

        if (built is not null)
        {
            Console.WriteLine($"  root {Units.Bytes(built.RootBytes)}: kernel {built.Kernel.Version} {Units.Bytes(built.Kernel.KernelBytes)}, initramfs {Units.Bytes(built.Kernel.InitramfsBytes)} ({built.Kernel.Modules} modules)");
            Console.WriteLine($"  bmap {Units.Bytes(built.MappedBytes)} mapped of {Units.Bytes(built.ImageBytes)}; bundle {Units.Bytes(built.BundleBytes)}");
            Console.WriteLine($"  sha256 {built.ImageSha256}");
        }
    }

    private static void PrintJson(ImageBuildPlan plan, ImageBuildResult? built, TimeSpan elapsed)
    {
        using var output = JsonOutput.Open();
        var w = output.Writer;
        w.WriteBoolean("ok", true);
        w.WriteBoolean("dryRun", built is null);
        w.WriteString("board", plan.Board.Name);
        w.WriteString("version", plan.Request.Version);
        w.WriteNumber("diskBytes", plan.Table.DiskBytes);
        w.WriteStartArray("partitions");
        foreach (var p in plan.Partitions)
        {
            w.WriteStartObject();
            w.WriteNumber("number", p.Number);
            w.WriteString("name", p.Name);
            w.WriteString("role", p.Role.ToString());
            w.WriteNumber("offset", p.Offset);
            w.WriteNumber("size", p.Size);
            w.WriteString("contents", p.Contents);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("espFiles");
        foreach (var file in plan.EspFiles)
        {
            w.WriteStringValue(file);
        }

        w.WriteEndArray();
        if (built is not null)
        {
            w.WriteString("image", built.Image);
            w.WriteString("bmap", built.Bmap);
            w.WriteString("bundle", built.Bundle);
            w.WriteString("sha256", built.ImageSha256);
            w.WriteNumber("imageBytes", built.ImageBytes);
            w.WriteNumber("mappedBytes", built.MappedBytes);
            w.WriteNumber("rootBytes", built.RootBytes);
            w.WriteNumber("kernelBytes", built.Kernel.KernelBytes);
            w.WriteNumber("initramfsBytes", built.Kernel.InitramfsBytes);
            w.WriteNumber("bundleBytes", built.BundleBytes);
        }

        w.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
    }
}
