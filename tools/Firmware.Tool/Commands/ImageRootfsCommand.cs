using System.CommandLine;
using System.Diagnostics;
using Firmware.Cli;
using Firmware.Image.Build;
using Firmware.Image.Spec;
using Firmware.Oci.Blobs;
using Firmware.Oci.Model;
using Firmware.Oci.Sources;
using Firmware.Rootfs;
using Firmware.Rootfs.Squashfs;

namespace Firmware.Tool.Commands;

/// <summary>
/// <c>fwtool image rootfs SPEC --arch amd64|arm64 --out DIR [--cache DIR] [--source REF=LOCATION ...] [--json]</c>:
/// the root filesystem of an image spec as a squashfs, its content listing and its resolved images.
/// </summary>
internal static class ImageRootfsCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "The image spec, such as firmware/images/minimal.yml." };
        var arch = new Option<string>("--arch") { Description = "The architecture to build for: amd64 or arm64.", Required = true };
        var output = new Option<string>("--out") { Description = "The output directory: rootfs.squashfs, rootfs.list, images.lock (a previous build there is replaced).", Required = true };
        var inputs = new ImageInputs();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Resolve every image and generate every config, then print the plan; unpack and write nothing." };
        var command = new Command("rootfs", "Build an image spec's root filesystem: resolve every image for the architecture, lay out init and system containers as LinuxKit does, add the files, write a reproducible squashfs.")
        {
            spec, arch, output, json, dryRun,
        };
        inputs.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync("fwtool", result.GetValue(json), async () =>
        {
            var platform = result.GetValue(arch) switch
            {
                "amd64" => Platform.LinuxAmd64,
                "arm64" => Platform.LinuxArm64,
                var other => throw new UsageException($"--arch: '{other}' is not amd64 or arm64"),
            };
            var stopwatch = Stopwatch.StartNew();
            var blobCache = inputs.BlobCache(result);
            using var http = new HttpClient();
            var request = new RootfsBuildRequest
            {
                Spec = ImageSpecReader.Load(result.GetValue(spec)!),
                Platform = platform,
                Sources = ImageSourceMap.Parse(result.GetValue(inputs.Sources) ?? []),
                SourceDateEpoch = ImageInputs.SourceDateEpoch(),
            };
            var plan = await new RootfsPlanner(ImageSources.CreateDefault(http, cache: blobCache)).PlanAsync(request, cancellationToken);
            var built = result.GetValue(dryRun)
                ? null
                : await new RootfsExecutor(new SquashfsImageWriter()).ExecuteAsync(plan, result.GetValue(output)!, cancellationToken);
            Report(plan, built, blobCache, stopwatch.Elapsed, result.GetValue(json));
            return ExitCodes.Ok;
        }, Classify));
        return command;
    }

    private static (int ExitCode, string Message)? Classify(Exception e) => e switch
    {
        RootfsException { Error: RootfsError.ToolMissing or RootfsError.ToolFailed } r => (ExitCodes.Io, r.Message),
        RootfsException r => (ExitCodes.ImageSourceFailed, $"{r.Error}: {r.Message}"),
        NotSupportedException n => (ExitCodes.SpecInvalid, n.Message),
        _ => OciFailures.Classify(e),
    };

    private static void Report(RootfsPlan plan, RootfsBuildResult? built, BlobCache cache, TimeSpan elapsed, bool json)
    {
        if (json)
        {
            using var output = JsonOutput.Open();
            var w = output.Writer;
            w.WriteBoolean("ok", true);
            w.WriteString("platform", plan.Platform.ToString());
            w.WriteBoolean("dryRun", built is null);
            if (built is not null)
            {
                w.WriteString("squashfs", built.Squashfs);
                w.WriteString("sha256", built.SquashfsSha256);
                w.WriteNumber("bytes", built.SquashfsBytes);
                w.WriteString("listing", built.Listing);
                w.WriteString("lock", built.Lock);
                w.WriteNumber("entries", built.Entries);
            }

            w.WriteStartArray("images");
            foreach (var image in plan.Images)
            {
                w.WriteStartObject();
                w.WriteString("role", image.Role.ToString().ToLowerInvariant());
                w.WriteString("reference", image.Reference.ToString());
                w.WriteString("location", image.Location);
                w.WriteString("platform", image.Resolved.Platform.ToString());
                w.WriteString("manifest", image.Resolved.ManifestDescriptor.Digest.ToString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("cacheHits", cache.Hits);
            w.WriteNumber("cacheMisses", cache.Misses);
            w.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
            return;
        }

        if (built is null)
        {
            Console.WriteLine($"planned {plan.Spec.Source} for {plan.Platform} in {elapsed.TotalSeconds:F2} s: {plan.Containers.Count} containers, {plan.Files.Count} files (dry run: nothing written)");
        }
        else
        {
            Console.WriteLine($"built {built.Squashfs} for {plan.Platform} in {elapsed.TotalSeconds:F2} s: {Units.Bytes(built.SquashfsBytes)}, {built.Entries} entries");
            Console.WriteLine($"  sha256 {built.SquashfsSha256}");
        }

        foreach (var image in plan.Images)
        {
            Console.WriteLine($"  {image.Role.ToString().ToLowerInvariant(),-9} {image.Reference,-24} {image.Resolved.ManifestDescriptor.Digest}");
        }

        Console.WriteLine($"  cache  {cache.Hits} hits, {cache.Misses} misses ({cache.Root})");
    }
}
