using System.CommandLine;
using Firmware.Cli;
using Firmware.Signing;
using Firmware.Tool.Authoring;
using Firmware.Trust;

namespace Firmware.Tool.Commands;

/// <summary><c>fwtool trust init | rotate | verify</c>.</summary>
internal static class TrustCommands
{
    public static Command Create(TimeProvider clock) =>
        new("trust", "Create, rotate and verify trust files (keys, roles, thresholds, expiry).")
        {
            Init(clock),
            Rotate(clock),
            Verify(clock),
        };

    private static Command Init(TimeProvider clock)
    {
        var root = new Option<string[]>("--root") { Description = "A root key (.pub or .key); repeat for more.", Required = true };
        var rootThreshold = new Option<int>("--root-threshold") { Description = "Root signatures required.", DefaultValueFactory = _ => 1 };
        var release = new Option<string[]>("--release") { Description = "A release key (.pub or .key); repeat for more.", Required = true };
        var releaseThreshold = new Option<int>("--release-threshold") { Description = "Release signatures required on a bundle.", DefaultValueFactory = _ => 1 };
        var expires = new Option<string>("--expires") { Description = "Lifetime, such as 365d.", DefaultValueFactory = _ => "365d" };
        var sign = new Option<string[]>("--sign") { Description = "A root private key that signs; repeat. Default: every --root given as a .key." };
        var output = new Option<string>("--out") { Description = "The trust file to write.", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var command = new Command("init", "Create trust version 1, signed by a threshold of its root keys.")
        {
            root, rootThreshold, release, releaseThreshold, expires, sign, output, force,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync("fwtool", false, async () =>
        {
            var rootPaths = result.GetValue(root)!;
            var signPaths = result.GetValue(sign) is { Length: > 0 } given ? given : rootPaths.Where(p => p.EndsWith(".key", StringComparison.Ordinal)).ToArray();
            using var signers = SigningKeySet.Read(signPaths);
            var file = TrustAuthoring.Init(
                new RoleMembers(rootPaths.Select(KeyFiles.ReadVerificationKey).ToList(), result.GetValue(rootThreshold)),
                new RoleMembers(result.GetValue(release)!.Select(KeyFiles.ReadVerificationKey).ToList(), result.GetValue(releaseThreshold)),
                clock.GetUtcNow() + ArgumentParsers.Duration(result.GetValue(expires)!, "--expires"),
                signers.Keys);
            await Write(file, result.GetValue(output)!, result.GetValue(force), cancellationToken);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Rotate(TimeProvider clock)
    {
        var current = new Option<string>("--current") { Description = "The trust file in force (version N).", Required = true };
        var addRoot = new Option<string[]>("--add-root") { Description = "A key to add to the root role." };
        var removeRoot = new Option<string[]>("--remove-root") { Description = "A root key to remove: key file or key id." };
        var addRelease = new Option<string[]>("--add-release") { Description = "A key to add to the release role." };
        var removeRelease = new Option<string[]>("--remove-release") { Description = "A release key to remove: key file or key id." };
        var rootThreshold = new Option<int?>("--root-threshold") { Description = "New root threshold." };
        var releaseThreshold = new Option<int?>("--release-threshold") { Description = "New release threshold." };
        var expires = new Option<string>("--expires") { Description = "Lifetime of version N+1, such as 365d.", DefaultValueFactory = _ => "365d" };
        var sign = new Option<string[]>("--sign") { Description = "A private key that signs; a threshold of the root keys of both N and N+1 must sign.", Required = true };
        var output = new Option<string>("--out") { Description = "The trust file to write (version N+1).", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var command = new Command("rotate", "Create trust version N+1, signed by a threshold of the root keys of both N and N+1.")
        {
            current, addRoot, removeRoot, addRelease, removeRelease, rootThreshold, releaseThreshold, expires, sign, output, force,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync("fwtool", false, async () =>
        {
            using var signers = SigningKeySet.Read(result.GetValue(sign));
            var change = new TrustChange
            {
                AddRoot = Keys(result.GetValue(addRoot)),
                RemoveRoot = KeyIds(result.GetValue(removeRoot)),
                AddRelease = Keys(result.GetValue(addRelease)),
                RemoveRelease = KeyIds(result.GetValue(removeRelease)),
                RootThreshold = result.GetValue(rootThreshold),
                ReleaseThreshold = result.GetValue(releaseThreshold),
            };
            var next = TrustAuthoring.Rotate(KeyFiles.ReadTrust(result.GetValue(current)!), change,
                clock.GetUtcNow() + ArgumentParsers.Duration(result.GetValue(expires)!, "--expires"), signers.Keys);
            await Write(next, result.GetValue(output)!, result.GetValue(force), cancellationToken);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Verify(TimeProvider clock)
    {
        var file = new Argument<string>("FILE") { Description = "The trust file." };
        var previous = new Option<string?>("--previous") { Description = "The trust file it replaces; checks the rotation rule." };
        var now = new Option<string>("--now") { Description = "The time to check expiry against.", DefaultValueFactory = _ => "now" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("verify", "Check a trust file's signatures and expiry, and optionally that it validly rotates a previous one.")
        {
            file, previous, now, json,
        };
        command.SetAction((result, _) => CommandRunner.RunAsync("fwtool", result.GetValue(json), () =>
        {
            var trust = KeyFiles.ReadTrust(result.GetValue(file)!);
            var signers = trust.VerifySelfSigned();
            if (result.GetValue(previous) is { } previousPath)
            {
                KeyFiles.ReadTrust(previousPath).VerifyRotationTo(trust);
            }

            trust.EnsureCurrent(ArgumentParsers.Instant(result.GetValue(now)!, "--now", clock));
            TrustReport.Print(trust, signers, result.GetValue(json));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static async Task Write(TrustFile file, string path, bool force, CancellationToken cancellationToken)
    {
        var bytes = file.Bytes.ToArray();
        await OutputFile.WriteAsync(path, force, stream => stream.WriteAsync(bytes, cancellationToken).AsTask(), cancellationToken: cancellationToken);
        Console.WriteLine($"wrote {path}: trust version {file.Version}, expires {file.Document.Expires:u}");
    }

    private static List<VerificationKey> Keys(string[]? paths) => (paths ?? []).Select(KeyFiles.ReadVerificationKey).ToList();

    // A removal names a key file or a key id (64 hex digits), whichever is at hand.
    private static List<string> KeyIds(string[]? values) =>
        (values ?? []).Select(v => v.Length == 64 && v.All(char.IsAsciiHexDigitLower) && !File.Exists(v) ? v : KeyFiles.ReadVerificationKey(v).KeyId).ToList();
}
