using Firmware.Bundles;
using Firmware.Chunking;
using Firmware.Fuzz;

namespace Firmware.Device.Tests.Simulation;

/// <summary>Bundles signed by the fuzz corpus's release key for "fuzz-board", made in memory.</summary>
internal static class TestBundles
{
    public static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static readonly PayloadEncoding SmallChunks = new() { Chunker = new FastCdcChunker(256, 1024, 4096), Level = 3, MaxDegreeOfParallelism = 1 };

    /// <summary>A bundle with payload "rootfs" holding <paramref name="rootfs"/>, made at <paramref name="created"/> (default <see cref="Created"/>) and valid a year.</summary>
    public static byte[] Bundle(byte[] rootfs, string version = "1.1.0", string? minVersion = null, DateTimeOffset? created = null) =>
        Bundle([("rootfs", rootfs)], version, minVersion, created);

    /// <summary>A bundle with the named payloads, in the order given (a tryboot board's: rootfs, boot-a, boot-b).</summary>
    public static byte[] Bundle(IReadOnlyList<(string Name, byte[] Content)> contents, string version = "1.1.0", string? minVersion = null, DateTimeOffset? created = null)
    {
        var stored = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var payloads = new List<PayloadManifest>();
        foreach (var (name, content) in contents)
        {
            using var output = new MemoryStream();
            payloads.Add(PayloadEncoder.EncodeAsync(name, new MemoryStream(content, writable: false), output, SmallChunks).GetAwaiter().GetResult());
            stored[name] = output.ToArray();
        }

        var manifest = new BundleManifest
        {
            Format = BundleManifest.CurrentFormat,
            Compatible = [FuzzKeys.Board],
            Version = version,
            MinVersion = minVersion,
            Created = created ?? Created,
            Expires = (created ?? Created).AddYears(1),
            Payloads = payloads,
        };
        using var bundle = new MemoryStream();
        BundleWriter.WriteAsync(bundle, manifest, [FuzzKeys.Release1], [], p => new MemoryStream(stored[p.Name], writable: false)).GetAwaiter().GetResult();
        return bundle.ToArray();
    }

    /// <summary>Compressible bytes (text-like with random runs), so chunks of both kinds appear.</summary>
    public static byte[] Image(int length, int seed)
    {
        var random = new Random(seed);
        var data = new byte[length];
        for (var i = 0; i < length; i += 64)
        {
            if (random.Next(3) == 0)
            {
                random.NextBytes(data.AsSpan(i, Math.Min(64, length - i)));
            }
            else
            {
                data.AsSpan(i, Math.Min(64, length - i)).Fill((byte)('a' + random.Next(26)));
            }
        }

        return data;
    }
}
