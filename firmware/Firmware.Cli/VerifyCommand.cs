using System.CommandLine;
using System.Diagnostics;
using Firmware.Bundles;

namespace Firmware.Cli;

/// <summary>
/// The <c>verify</c> command shared by <c>fwtool bundle verify</c> and <c>fwagent verify</c>:
/// one streaming pass, exit 0 for a valid bundle, the failure class's exit code otherwise.
/// </summary>
public static class VerifyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(string program, TimeProvider clock)
    {
        var file = new Argument<string>("FILE") { Description = "The bundle, or - for standard input." };
        var trust = new Option<string>("--trust") { Description = "The trust file to verify against.", Required = true };
        var board = new Option<string?>("--board") { Description = "This board's compatible string; the bundle must list it." };
        var installed = new Option<string?>("--installed-version") { Description = "The installed version; a lower bundle version is a downgrade." };
        var floor = new Option<string?>("--floor") { Description = "The anti-rollback floor; a lower bundle version is refused." };
        var now = new Option<string>("--now") { Description = "The time to check expiry against: now, RFC 3339, or @UNIX-SECONDS.", DefaultValueFactory = _ => "now" };
        var storedOnly = new Option<bool>("--stored-only") { Description = "Check only the bytes that travel (no decompression): signatures, stored chunk digests, frame sizes." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("verify", "Verify a bundle's signatures, trust, policy and every chunk in one streaming pass.")
        {
            file, trust, board, installed, floor, now, storedOnly, json,
        };

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(program, result.GetValue(json), async () =>
        {
            var policy = new VerificationPolicy
            {
                Trust = KeyFiles.ReadTrust(result.GetValue(trust)!),
                Now = ArgumentParsers.Instant(result.GetValue(now)!, "--now", clock),
                Board = result.GetValue(board),
                InstalledVersion = result.GetValue(installed) is { } v ? ArgumentParsers.Version(v, "--installed-version") : null,
                Floor = result.GetValue(floor) is { } f ? ArgumentParsers.Version(f, "--floor") : null,
                Check = result.GetValue(storedOnly) ? PayloadCheck.Stored : PayloadCheck.Full,
            };
            var path = result.GetValue(file)!;
            var stopwatch = Stopwatch.StartNew();
            var stream = OpenInput(path);
            VerificationResult verified;
            await using (stream.ConfigureAwait(false))
            {
                verified = await BundleVerification.VerifyAsync(stream, policy, cancellationToken);
            }

            Report(path, verified, stopwatch.Elapsed, result.GetValue(json));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Opens a bundle path, or standard input for "-". Reads go straight to the kernel: chunks are large.</summary>
    public static Stream OpenInput(string path) =>
        path == "-"
            ? Console.OpenStandardInput()
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);

    private static void Report(string path, VerificationResult verified, TimeSpan elapsed, bool json)
    {
        var manifest = verified.Manifest.Manifest;
        if (json)
        {
            using var output = JsonOutput.Open();
            var w = output.Writer;
            w.WriteBoolean("ok", true);
            w.WriteString("version", manifest.Version);
            w.WriteStartArray("compatible");
            manifest.Compatible.ToList().ForEach(w.WriteStringValue);
            w.WriteEndArray();
            w.WriteStartArray("signers");
            verified.Manifest.Signers.ToList().ForEach(w.WriteStringValue);
            w.WriteEndArray();
            w.WriteNumber("trustVersion", verified.Manifest.Trust.Version);
            w.WriteBoolean("trustAdvanced", verified.Manifest.TrustAdvanced);
            w.WriteNumber("chunks", verified.Chunks);
            w.WriteNumber("payloadBytes", verified.PayloadBytes);
            w.WriteNumber("bundleBytes", verified.BundleBytes);
            w.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
            return;
        }

        var trust = verified.Manifest.Trust;
        Console.WriteLine($"{path}: OK");
        Console.WriteLine($"  version    {manifest.Version}{(manifest.MinVersion is { } floor ? $" (sets floor {floor})" : "")}, for {string.Join(", ", manifest.Compatible)}");
        Console.WriteLine($"  signed by  {verified.Manifest.Signers.Count} of {trust.Document.Roles.Release.Threshold} required release key(s): {string.Join(", ", verified.Manifest.Signers.Select(Short))}");
        Console.WriteLine($"  trust      version {trust.Version}{(verified.Manifest.TrustAdvanced ? " (carried in the bundle)" : "")}, expires {trust.Document.Expires:u}");
        Console.WriteLine($"  expires    {manifest.Expires:u}");
        Console.WriteLine($"  checked    {verified.Chunks} chunks, {Units.Bytes(verified.PayloadBytes)} of payload, {Units.Bytes(verified.BundleBytes)} read in {elapsed.TotalSeconds:F2} s");
    }

    private static string Short(string keyId) => keyId[..16];
}
