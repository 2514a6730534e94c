using System.CommandLine;
using System.Text.Json;
using Firmware.Cli;
using Firmware.Image.Spec;

namespace Firmware.Tool.Commands;

/// <summary><c>fwtool image validate SPEC [--json]</c>: check an image spec (docs/image-spec.md) without building or pulling anything.</summary>
internal static class ImageCommands
{
    private const string Program = "fwtool";

    public static Command Create(TimeProvider clock) =>
        new("image", "Firmware images from LinuxKit-style specs.") { Validate(), ImageRootfsCommand.Create(), ImageBuildCommand.Create(clock) };

    private static Command Validate()
    {
        var spec = new Argument<string>("SPEC") { Description = "The image spec, such as firmware/images/minimal.yml." };
        var json = new Option<bool>("--json") { Description = "Print the result (or the error, with file, line, column and key) as JSON." };
        var command = new Command("validate", "Check an image spec: strict YAML, then every reference, name, capability, path, mount and limit. Builds and pulls nothing.")
        {
            spec, json,
        };
        command.SetAction((result, _) => CommandRunner.RunAsync(Program, result.GetValue(json), () =>
        {
            var path = result.GetValue(spec)!;
            ImageSpec image;
            try
            {
                image = ImageSpecReader.Load(path);
            }
            catch (SpecException e) when (result.GetValue(json))
            {
                // CommandRunner's JSON error has the message only; a spec error also says where.
                PrintError(e);
                return Task.FromResult(ExitCodes.SpecInvalid);
            }

            if (result.GetValue(json))
            {
                PrintJson(image);
            }
            else
            {
                Print(image);
            }

            return Task.FromResult(ExitCodes.Ok);
        }, Classify));
        return command;
    }

    private static (int ExitCode, string Message)? Classify(Exception e) =>
        e is SpecException spec ? (ExitCodes.SpecInvalid, spec.Message) : null;

    private static void Print(ImageSpec image)
    {
        Console.WriteLine($"{image.Source}: valid");
        if (image.Kernel is { } kernel)
        {
            Console.WriteLine($"  kernel      {kernel.Image}{(kernel.Cmdline.Length > 0 ? $"  ({kernel.Cmdline})" : "")}");
        }

        foreach (var init in image.Init)
        {
            Console.WriteLine($"  init        {init}");
        }

        foreach (var container in image.Containers)
        {
            Console.WriteLine($"  {Stage(container.Stage),-11} {container.Name,-16} {container.Image}");
        }

        Console.WriteLine($"  files       {image.Files.Count}");
        Console.WriteLine($"  volumes     {image.Volumes.Count}");
        if (image.Firmware is { } firmware)
        {
            Console.WriteLine($"  firmware    version {firmware.Version?.Text ?? "(at build time)"}, boards {(firmware.Compatible.Count == 0 ? "any" : string.Join(", ", firmware.Compatible))}{(firmware.Data is { } data ? $", data {Units.Bytes(data.SizeBytes)} {data.Filesystem} on {data.Mount}" : "")}");
        }
    }

    private static void PrintJson(ImageSpec image)
    {
        using var output = JsonOutput.Open();
        var w = output.Writer;
        w.WriteBoolean("ok", true);
        w.WriteString("spec", image.Source);
        if (image.Kernel is { } kernel)
        {
            w.WriteStartObject("kernel");
            w.WriteString("image", kernel.Image.ToString());
            w.WriteString("cmdline", kernel.Cmdline);
            w.WriteEndObject();
        }

        WriteStrings(w, "init", image.Init.Select(i => i.ToString()));
        w.WriteStartArray("containers");
        foreach (var container in image.Containers)
        {
            w.WriteStartObject();
            w.WriteString("name", container.Name);
            w.WriteString("stage", Stage(container.Stage));
            w.WriteString("image", container.Image.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteStrings(w, "files", image.Files.Select(f => f.Path));
        WriteStrings(w, "volumes", image.Volumes.Select(v => v.Name));
        if (image.Firmware is { } firmware)
        {
            w.WriteStartObject("firmware");
            if (firmware.Version is { } version) w.WriteString("version", version.Text);
            WriteStrings(w, "compatible", firmware.Compatible);
            if (firmware.Trust is { } trust) w.WriteString("trust", trust);
            if (firmware.Data is { } data)
            {
                w.WriteStartObject("data");
                w.WriteNumber("size", data.SizeBytes);
                w.WriteString("filesystem", data.Filesystem);
                w.WriteString("mount", data.Mount);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }
    }

    private static void PrintError(SpecException e)
    {
        JsonLine.Write(w =>
        {
            w.WriteBoolean("ok", false);
            w.WriteNumber("exitCode", ExitCodes.SpecInvalid);
            w.WriteString("error", e.Error.ToString());
            w.WriteString("file", e.File);
            w.WriteNumber("line", e.Line);
            w.WriteNumber("column", e.Column);
            if (e.Key is { } key) w.WriteString("key", key);
            w.WriteString("problem", e.Problem);
            w.WriteString("message", e.Message);
        });
        Console.Error.WriteLine($"{Program}: {e.Message}");
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static string Stage(ContainerStage stage) => stage switch
    {
        ContainerStage.Onboot => "onboot",
        ContainerStage.Onshutdown => "onshutdown",
        _ => "service",
    };
}
