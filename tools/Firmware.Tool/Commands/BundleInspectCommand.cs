using System.CommandLine;
using System.Text.Json;
using Firmware.Bundles;
using Firmware.Cli;

namespace Firmware.Tool.Commands;

/// <summary><c>fwtool bundle inspect FILE [--chunks] [--json]</c>: show what a bundle says about itself.</summary>
internal static class BundleInspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The bundle, or - for standard input." };
        var chunks = new Option<bool>("--chunks") { Description = "List every chunk." };
        var json = new Option<bool>("--json") { Description = "Print the manifest, signers and trust as JSON." };
        var command = new Command("inspect", "Show a bundle's manifest, signers, payloads and chunks. Verifies nothing: use 'verify' for that.")
        {
            file, chunks, json,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync("fwtool", result.GetValue(json), async () =>
        {
            var stream = VerifyCommand.OpenInput(result.GetValue(file)!);
            BundleHeader header;
            await using (stream.ConfigureAwait(false))
            {
                header = await BundleReader.ReadHeaderUnverifiedAsync(stream, cancellationToken);
            }

            if (result.GetValue(json))
            {
                PrintJson(header);
            }
            else
            {
                Print(header, result.GetValue(chunks));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void PrintJson(BundleHeader header)
    {
        using var output = JsonOutput.Open();
        var w = output.Writer;
        w.WritePropertyName("manifest");
        using (var manifest = JsonDocument.Parse(header.ManifestBytes))
        {
            manifest.WriteTo(w);
        }

        w.WriteStartArray("signers");
        foreach (var signature in header.Signatures.Signatures)
        {
            w.WriteStringValue(signature.KeyId);
        }

        w.WriteEndArray();
        w.WriteStartArray("carriedTrust");
        foreach (var trust in header.CarriedTrust)
        {
            w.WriteStartObject();
            w.WriteNumber("version", trust.Version);
            w.WriteString("expires", trust.Document.Expires);
            w.WriteString("sha256", trust.Sha256);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Print(BundleHeader header, bool listChunks)
    {
        var m = header.Manifest;
        Console.WriteLine($"format     {m.Format}");
        Console.WriteLine($"version    {m.Version}{(m.MinVersion is { } floor ? $" (sets floor {floor})" : "")}");
        Console.WriteLine($"boards     {string.Join(", ", m.Compatible)}");
        Console.WriteLine($"created    {m.Created:u}");
        Console.WriteLine($"expires    {m.Expires:u}");
        Console.WriteLine($"signers    {string.Join(", ", header.Signatures.Signatures.Select(s => s.KeyId))} (not verified)");
        foreach (var trust in header.CarriedTrust)
        {
            Console.WriteLine($"trust      version {trust.Version}, expires {trust.Document.Expires:u}, sha256 {trust.Sha256}");
        }

        foreach (var p in m.Payloads)
        {
            var compressed = p.Chunks.Count(c => c.StoredSize < c.Size);
            Console.WriteLine($"payload    {p.Name}: {p.Size} bytes ({Units.Bytes(p.Size)}), stored {Units.Bytes(p.StoredSize)} ({100.0 * p.StoredSize / p.Size:F1}%), {p.Compression}");
            Console.WriteLine($"  chunks   {p.Chunks.Count} by {p.Chunking.Algorithm} {p.Chunking.MinSize}/{p.Chunking.AverageSize}/{p.Chunking.MaxSize}; sizes {p.Chunks.Min(c => c.Size)}..{p.Chunks.Max(c => c.Size)}; {compressed} compressed");
            if (!listChunks)
            {
                continue;
            }

            Console.WriteLine("  index      offset      size    stored  sha256");
            long offset = 0;
            for (var i = 0; i < p.Chunks.Count; i++)
            {
                var c = p.Chunks[i];
                Console.WriteLine($"  {i,5} {offset,11} {c.Size,9} {c.StoredSize,9}  {c.Sha256}");
                offset += c.Size;
            }
        }
    }
}
