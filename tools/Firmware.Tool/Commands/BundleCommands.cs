using System.CommandLine;
using System.Diagnostics;
using Firmware.Bundles;
using Firmware.Chunking;
using Firmware.Cli;
using Firmware.Tool.Authoring;

namespace Firmware.Tool.Commands;

/// <summary><c>fwtool bundle create | verify | inspect</c>.</summary>
internal static class BundleCommands
{
    public static Command Create(TimeProvider clock) =>
        new("bundle", "Create, verify and inspect signed update bundles (.fwb).")
        {
            CreateCommand(clock),
            VerifyCommand.Create("fwtool", clock),
            BundleInspectCommand.Create(),
        };

    private static Command CreateCommand(TimeProvider clock)
    {
        var boards = new Option<string[]>("--board") { Description = "A board compatible string; repeat for more.", Required = true };
        var version = new Option<string>("--version") { Description = "The version the bundle installs (semver).", Required = true };
        var minVersion = new Option<string?>("--min-version") { Description = "The anti-rollback floor this bundle sets on the device." };
        var expires = new Option<string>("--expires") { Description = "Lifetime from creation, such as 90d.", DefaultValueFactory = _ => "90d" };
        var payloads = new Option<string[]>("--payload") { Description = "NAME=PATH of a payload; repeat for more.", Required = true };
        var keys = new Option<string[]>("--key") { Description = "A release private key that signs; repeat for more.", Required = true };
        var trust = new Option<string?>("--trust") { Description = "Check before writing that the keys meet this trust file's release threshold." };
        var carry = new Option<string[]>("--carry-trust") { Description = "A newer trust file to carry to devices, oldest first; repeat for a chain." };
        var compression = new Option<string>("--compression") { Description = "zstd or none.", DefaultValueFactory = _ => ManifestRules.Zstd };
        compression.AcceptOnlyFromAmong(ManifestRules.Zstd, ManifestRules.None);
        var level = new Option<int>("--level") { Description = "zstd level, 1-22.", DefaultValueFactory = _ => PayloadEncoding.DefaultLevel };
        var chunk = new Option<int>("--chunk-kib") { Description = "Average chunk size in KiB (a power of two); min is a quarter, max four times.", DefaultValueFactory = _ => FastCdcChunker.Default.AverageSize >> 10 };
        var output = new Option<string>("--out") { Description = "The bundle file to write.", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("create", "Create a signed bundle from payload images.")
        {
            boards, version, minVersion, expires, payloads, keys, trust, carry, compression, level, chunk, output, force, json,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync("fwtool", result.GetValue(json), async () =>
        {
            using var signers = SigningKeySet.Read(result.GetValue(keys));
            var request = new BundleRequest
            {
                Boards = result.GetValue(boards)!,
                Version = ArgumentParsers.Version(result.GetValue(version)!, "--version").Text,
                MinVersion = result.GetValue(minVersion) is { } floor ? ArgumentParsers.Version(floor, "--min-version").Text : null,
                Created = ArgumentParsers.BuildTime(clock),
                Lifetime = ArgumentParsers.Duration(result.GetValue(expires)!, "--expires"),
                Payloads = result.GetValue(payloads)!.Select(ParsePayload).ToList(),
                Keys = signers.Keys,
                CarriedTrust = (result.GetValue(carry) ?? []).Select(KeyFiles.ReadTrust).ToList(),
                CheckAgainst = result.GetValue(trust) is { } trustPath ? KeyFiles.ReadTrust(trustPath) : null,
                Encoding = new PayloadEncoding
                {
                    Compress = result.GetValue(compression) == ManifestRules.Zstd,
                    Level = result.GetValue(level),
                    Chunker = Chunker(result.GetValue(chunk)),
                },
            };
            var path = result.GetValue(output)!;
            var stopwatch = Stopwatch.StartNew();
            var manifest = await BundleAuthoring.CreateAsync(request, path, result.GetValue(force), cancellationToken);
            Report(path, manifest, stopwatch.Elapsed, result.GetValue(json));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static (string Name, string Path) ParsePayload(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == value.Length - 1)
        {
            throw new UsageException($"--payload: '{value}' is not NAME=PATH");
        }

        var name = value[..equals];
        return BundleEntryNames.IsValidPayloadName(name)
            ? (name, value[(equals + 1)..])
            : throw new UsageException($"--payload: name '{name}' is not 1-64 of [a-z0-9._-]");
    }

    private static FastCdcChunker Chunker(int averageKib)
    {
        try
        {
            var average = checked(averageKib * 1024);
            return new FastCdcChunker(average / 4, average, Math.Min(average * 4, FastCdcChunker.MaxChunkSize));
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            throw new UsageException($"--chunk-kib: {averageKib} is not a power of two from 1 to {FastCdcChunker.MaxChunkSize >> 10}", e);
        }
    }

    private static void Report(string path, BundleManifest manifest, TimeSpan elapsed, bool json)
    {
        var size = new FileInfo(path).Length;
        var raw = manifest.Payloads.Sum(p => p.Size);
        var chunks = manifest.Payloads.Sum(p => p.Chunks.Count);
        if (json)
        {
            using var output = JsonOutput.Open();
            var w = output.Writer;
            w.WriteBoolean("ok", true);
            w.WriteString("bundle", path);
            w.WriteNumber("bundleBytes", size);
            w.WriteNumber("payloadBytes", raw);
            w.WriteNumber("chunks", chunks);
            w.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
            return;
        }

        Console.WriteLine($"wrote {path}: version {manifest.Version} for {string.Join(", ", manifest.Compatible)}");
        Console.WriteLine($"  {manifest.Payloads.Count} payload(s), {Units.Bytes(raw)} in {chunks} chunks, bundle {Units.Bytes(size)}, {elapsed.TotalSeconds:F2} s");
    }
}
