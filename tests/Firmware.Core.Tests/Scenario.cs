using Firmware.Bundles;
using Firmware.Signing;
using Firmware.Trust;

namespace Firmware.Core.Tests;

/// <summary>
/// A device and a valid bundle for it, from which malformed variants are made. The device holds
/// trust version 1; the bundle carries trust version 2 (same keys, later expiry), then payload
/// "kernel" (random bytes: every chunk stored as is) and payload "rootfs" (text: every chunk
/// compressed), cut into chunks of 256 B to 4 KiB.
/// </summary>
public sealed class Scenario : IDisposable
{
    public Scenario()
    {
        Trust = TrustFile.Create(TestKit.Document(1, [Root], 1, [Release], 1), [Root]);
        Trust2 = TrustFile.Create(TestKit.Document(2, [Root], 1, [Release], 1, TestKit.Epoch.AddDays(730)), [Root]);
        Kernel = TestKit.Random(12_000, 7);
        Rootfs = TestKit.Compressible(30_000, 8);
        (KernelManifest, KernelStored) = TestKit.Encode("kernel", Kernel);
        (RootfsManifest, RootfsStored) = TestKit.Encode("rootfs", Rootfs);
        Manifest = TestKit.Manifest([KernelManifest, RootfsManifest], [Trust2]);
        Bundle = Write(Manifest, [Release], [Trust2]);
        Layout = TarLayout.Of(Bundle);
    }

    public SigningKey Root { get; } = TestKit.Key();

    public SigningKey Release { get; } = TestKit.Key();

    /// <summary>The device's trust: version 1.</summary>
    public TrustFile Trust { get; }

    /// <summary>The trust file the bundle carries: version 2.</summary>
    public TrustFile Trust2 { get; }

    public byte[] Kernel { get; }

    public byte[] Rootfs { get; }

    internal PayloadManifest KernelManifest { get; }

    internal byte[] KernelStored { get; }

    internal PayloadManifest RootfsManifest { get; }

    internal byte[] RootfsStored { get; }

    internal BundleManifest Manifest { get; }

    public byte[] Bundle { get; }

    internal TarLayout Layout { get; }

    internal byte[] ManifestBytes => Entry(BundleEntryNames.Manifest);

    internal VerificationPolicy Policy => TestKit.Policy(Trust);

    internal static string KernelEntry => BundleEntryNames.Payload("kernel");

    internal static string RootfsEntry => BundleEntryNames.Payload("rootfs");

    /// <summary>The data of the valid bundle's entry <paramref name="name"/>.</summary>
    internal byte[] Entry(string name)
    {
        var entry = Layout[name];
        return Bundle.AsSpan((int)entry.DataOffset, (int)entry.Size).ToArray();
    }

    /// <summary>The valid bundle's entries, to rebuild variants.</summary>
    internal List<RawEntry> Entries() => TarLayout.Split(Bundle);

    /// <summary>Where chunk <paramref name="index"/> of a payload's stored data starts in the bundle.</summary>
    internal long ChunkOffset(PayloadManifest payload, int index) =>
        Layout[BundleEntryNames.Payload(payload.Name)].DataOffset + payload.Chunks.Take(index).Sum(c => (long)c.StoredSize);

    /// <summary>Writes a bundle with the product's writer, from this scenario's stored payloads.</summary>
    internal byte[] Write(BundleManifest manifest, IReadOnlyList<SigningKey> signers, IReadOnlyList<TrustFile> trust)
    {
        using var output = new MemoryStream();
        BundleWriter.WriteAsync(output, manifest, signers, trust,
            p => new MemoryStream(p.Name == "kernel" ? KernelStored : RootfsStored)).GetAwaiter().GetResult();
        return output.ToArray();
    }

    /// <summary>
    /// A bundle with <paramref name="manifestBytes"/> in place of the manifest, properly signed by
    /// the release key, and the valid bundle's other entries unchanged.
    /// </summary>
    internal byte[] WithManifest(byte[] manifestBytes) =>
        TestKit.Assemble(manifestBytes, [Release], [.. Entries().Skip(2)]);

    public void Dispose()
    {
        Root.Dispose();
        Release.Dispose();
    }
}
