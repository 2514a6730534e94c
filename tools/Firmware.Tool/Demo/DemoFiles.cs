using Firmware.Cli;
using Firmware.Tool.Authoring;
using Firmware.Trust;

namespace Firmware.Tool.Demo;

/// <summary>
/// The files both demos make, through the same library calls as <c>fwtool keygen</c>,
/// <c>trust init</c> and <c>bundle create</c>: key pairs under <c>keys/</c>, trust files, synthetic
/// root filesystem images and signed bundles. Each file written is narrated to <paramref name="say"/>.
/// </summary>
internal sealed class DemoFiles(string directory, TimeProvider clock, Action<string> say)
{
    /// <summary>The board every demo bundle and device is built for.</summary>
    public const string Board = "demo-board";

    public string Directory => directory;

    /// <summary>A new key pair <c>keys/NAME</c>; returns the private key's path.</summary>
    public string Key(string name)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "keys"));
        return KeyPairFiles.Generate(Path.Combine(directory, "keys", name)).PrivatePath;
    }

    public async Task<string> WriteTrustAsync(TrustFile trust, string name, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, name);
        var bytes = trust.Bytes.ToArray();
        await OutputFile.WriteAsync(path, overwrite: true, s => s.WriteAsync(bytes, cancellationToken).AsTask(), cancellationToken: cancellationToken);
        say($"   wrote {path}");
        return path;
    }

    /// <summary>A <see cref="SyntheticImage"/> of <paramref name="size"/> bytes; the seed makes each version's content its own.</summary>
    public string Image(string name, long size, int seed)
    {
        var path = Path.Combine(directory, name);
        using var output = File.Create(path);
        SyntheticImage.Write(output, size, seed);
        return path;
    }

    public async Task<string> BundleAsync(string name, string version, string image, string key, IReadOnlyList<TrustFile> carried, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, name);
        using var signer = KeyFiles.ReadSigningKey(key);
        var started = clock.GetTimestamp();
        var manifest = await BundleAuthoring.CreateAsync(new BundleRequest
        {
            Boards = [Board],
            Version = version,
            MinVersion = "1.0.0",
            Created = ArgumentParsers.BuildTime(clock),
            Lifetime = TimeSpan.FromDays(90),
            Payloads = [("rootfs", image)],
            Keys = [signer],
            CarriedTrust = carried,
        }, path, overwrite: true, cancellationToken);
        var payload = manifest.Payloads[0];
        say($"   wrote {path}: {Units.Bytes(new FileInfo(path).Length)} ({payload.Chunks.Count} chunks, {payload.Chunks.Count(c => c.StoredSize < c.Size)} compressed) in {clock.GetElapsedTime(started).TotalSeconds:F2} s");
        return path;
    }
}
