using System.CommandLine;
using System.Diagnostics;
using Firmware.Cli;
using Firmware.Image.Packages;

namespace Firmware.Tool.Commands;

/// <summary><c>fwtool pkg build DIR [--arch amd64,arm64] [--out LAYOUT] [--tag T] [--json]</c>.</summary>
internal static class PkgCommands
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "The package directory: pkg.yml and the files it names." };
        var arch = new Option<string?>("--arch") { Description = "Architectures to build, comma-separated (amd64,arm64); default: pkg.yml's list." };
        var output = new Option<string?>("--out") { Description = "The OCI layout directory to write (replaced if it holds one); default: out/pkg/NAME." };
        var tag = new Option<string>("--tag") { Description = "The image's tag in the layout.", DefaultValueFactory = _ => "latest" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var build = new Command("build", "Build a package's OCI image (an index over one image per architecture) without Docker.")
        {
            directory, arch, output, tag, json,
        };
        build.SetAction((result, cancellationToken) => CommandRunner.RunAsync("fwtool", result.GetValue(json), async () =>
        {
            var packageDirectory = result.GetValue(directory)!;
            var stopwatch = Stopwatch.StartNew();
            var built = await PackageBuilder.BuildAsync(new PackageBuildRequest
            {
                Directory = packageDirectory,
                Output = result.GetValue(output) ?? Path.Combine("out", "pkg", Path.GetFileName(Path.GetFullPath(packageDirectory).TrimEnd('/'))),
                Tag = result.GetValue(tag)!,
                Architectures = result.GetValue(arch)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                // Package images are reproducible by default: a copied file's time means nothing.
                SourceDate = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH") is { Length: > 0 }
                    ? ArgumentParsers.BuildTime(TimeProvider.System)
                    : DateTimeOffset.UnixEpoch,
            }, cancellationToken);
            Report(built, stopwatch.Elapsed, result.GetValue(json));
            return ExitCodes.Ok;
        }, OciFailures.Classify));
        return new Command("pkg", "System-container packages: OCI images made from a directory and its pkg.yml.") { build };
    }

    private static void Report(PackageBuildResult built, TimeSpan elapsed, bool json)
    {
        if (json)
        {
            using var output = JsonOutput.Open();
            var w = output.Writer;
            w.WriteBoolean("ok", true);
            w.WriteString("name", built.Name);
            w.WriteString("tag", built.Tag);
            w.WriteString("layout", built.Layout);
            w.WriteString("index", built.Index.Digest.ToString());
            w.WriteStartArray("images");
            foreach (var image in built.Images)
            {
                w.WriteStartObject();
                w.WriteString("platform", image.Manifest.Platform!.ToString());
                w.WriteString("manifest", image.Manifest.Digest.ToString());
                w.WriteString("layer", image.Layer.Digest.ToString());
                w.WriteNumber("layerBytes", image.Layer.Size);
                w.WriteNumber("entries", image.Files);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
            return;
        }

        Console.WriteLine($"built {built.Name}:{built.Tag} in {built.Layout} ({elapsed.TotalSeconds:F2} s)");
        Console.WriteLine($"  index {built.Index.Digest}");
        foreach (var image in built.Images)
        {
            Console.WriteLine($"  {image.Manifest.Platform,-14} {image.Manifest.Digest}  layer {Units.Bytes(image.Layer.Size)}, {image.Files} entries");
        }
    }
}
