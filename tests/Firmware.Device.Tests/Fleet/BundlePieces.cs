using System.Globalization;
using System.Security.Cryptography;
using Firmware.Bundles;
using Firmware.Device.Fleet;
using Firmware.Fleet.Payloads;
using Firmware.Tar;

namespace Firmware.Device.Tests.Fleet;

/// <summary>
/// A bundle cut into what the controller serves (docs/protocol.md section 4): the header (index -1)
/// and each stored chunk, found by walking the tar, the way a controller reads its bundle file.
/// </summary>
internal sealed class BundlePieces
{
    public BundlePieces(byte[] bundle)
    {
        Bundle = bundle;
        var header = BundleReader.ReadHeaderUnverifiedAsync(new MemoryStream(bundle, writable: false)).AsTask().GetAwaiter().GetResult();
        Id = Convert.ToHexStringLower(SHA256.HashData(header.ManifestBytes.Span));
        long offset = 0;
        var chunks = new List<byte[]>();
        var payloads = header.Manifest.Payloads.ToDictionary(p => BundleEntryNames.Payload(p.Name));
        long? headerLength = null;
        while (!TarHeader.IsZeroBlock(bundle.AsSpan((int)offset, TarHeader.BlockSize)))
        {
            var entry = TarHeader.Parse(bundle.AsSpan((int)offset, TarHeader.BlockSize), offset);
            if (payloads.TryGetValue(entry.Name, out var payload))
            {
                headerLength ??= offset;
                var data = offset + TarHeader.BlockSize;
                foreach (var chunk in payload.Chunks)
                {
                    chunks.Add(bundle.AsSpan((int)data, chunk.StoredSize).ToArray());
                    data += chunk.StoredSize;
                }
            }

            offset += TarHeader.BlockSize + entry.Size + TarHeader.PaddingFor(entry.Size);
        }

        Header = bundle.AsSpan(0, (int)headerLength!.Value).ToArray();
        Chunks = chunks;
        Job = new JobDocument
        {
            JobId = "job-1",
            RolloutId = "rollout-1",
            Action = JobAction.Install,
            Bundle = new JobBundle { Id = Id, Version = header.Manifest.Version, Size = bundle.Length, Chunks = chunks.Count, ChunkSize = chunks.Max(c => c.Length) },
            Deadline = DateTimeOffset.UnixEpoch.AddYears(100),
        };
    }

    public byte[] Bundle { get; }

    public string Id { get; }

    public byte[] Header { get; }

    public IReadOnlyList<byte[]> Chunks { get; }

    public JobDocument Job { get; }

    /// <summary>The message the controller sends for <paramref name="index"/>.</summary>
    public ChunkMessage Message(int index)
    {
        var bytes = index < 0 ? Header : Chunks[index];
        return new ChunkMessage(Id, index.ToString(CultureInfo.InvariantCulture), Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes);
    }
}
