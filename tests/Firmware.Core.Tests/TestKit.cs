using System.Text;
using Firmware.Bundles;
using Firmware.Chunking;
using Firmware.Signing;
using Firmware.Trust;

namespace Firmware.Core.Tests;

/// <summary>Keys, trust files and bundles for tests, made in memory.</summary>
internal static class TestKit
{
    public static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public static SigningKey Key() => SigningKey.Generate();

    public static TrustDocument Document(int version, IReadOnlyList<SigningKey> root, int rootThreshold, IReadOnlyList<SigningKey> release, int releaseThreshold, DateTimeOffset? expires = null) => new()
    {
        Type = TrustDocument.TypeName,
        Version = version,
        Expires = expires ?? Epoch.AddDays(365),
        Keys = root.Concat(release).DistinctBy(k => k.KeyId).Select(k => TrustKey.For(k.PublicKey)).ToList(),
        Roles = new TrustRoles
        {
            Root = new RoleDefinition { KeyIds = root.Select(k => k.KeyId).ToList(), Threshold = rootThreshold },
            Release = new RoleDefinition { KeyIds = release.Select(k => k.KeyId).ToList(), Threshold = releaseThreshold },
        },
    };

    public static byte[] Random(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>Builds a bundle in memory.</summary>
    public static byte[] Bundle(IReadOnlyList<SigningKey> signers, IReadOnlyDictionary<string, byte[]> payloads,
        string version = "1.0.0", string[]? boards = null, string? minVersion = null, IReadOnlyList<TrustFile>? trust = null,
        DateTimeOffset? expires = null, PayloadEncoding? encoding = null)
    {
        encoding ??= new PayloadEncoding();
        var stored = new Dictionary<string, byte[]>();
        var manifests = new List<PayloadManifest>();
        foreach (var (name, data) in payloads)
        {
            using var output = new MemoryStream();
            manifests.Add(PayloadEncoder.EncodeAsync(name, new MemoryStream(data), output, encoding).GetAwaiter().GetResult());
            stored[name] = output.ToArray();
        }

        var manifest = new BundleManifest
        {
            Format = BundleManifest.CurrentFormat,
            Compatible = boards ?? ["test-board"],
            Version = version,
            MinVersion = minVersion,
            Created = Epoch,
            Expires = expires ?? Epoch.AddDays(90),
            Trust = trust?.Select(t => new TrustReference { Version = t.Version, Sha256 = t.Sha256 }).ToList(),
            Payloads = manifests,
        };
        using var bundle = new MemoryStream();
        BundleWriter.WriteAsync(bundle, manifest, signers, trust ?? [], p => new MemoryStream(stored[p.Name])).GetAwaiter().GetResult();
        return bundle.ToArray();
    }

    /// <summary>Small chunks (256 B to 4 KiB), so a few kilobytes of payload make many chunks.</summary>
    public static readonly PayloadEncoding SmallChunks = new() { Chunker = new FastCdcChunker(256, 1024, 4096), Level = 3 };

    /// <summary>Text-like bytes that zstd compresses well.</summary>
    public static byte[] Compressible(int length, int seed)
    {
        string[] words = ["firmware ", "update ", "bundle ", "chunk ", "kernel ", "rootfs ", "signature ", "trust ", "\n", "0123456789 "];
        var random = new Random(seed);
        var data = new byte[length];
        for (var i = 0; i < length;)
        {
            foreach (var b in Encoding.ASCII.GetBytes(words[random.Next(words.Length)]))
            {
                if (i < length)
                {
                    data[i++] = b;
                }
            }
        }

        return data;
    }

    /// <summary>The policy of a device on "test-board" holding <paramref name="trust"/>, at <see cref="Epoch"/> unless told.</summary>
    public static VerificationPolicy Policy(TrustFile trust, DateTimeOffset? now = null, PayloadCheck check = PayloadCheck.Full) =>
        new() { Trust = trust, Now = now ?? Epoch, Board = "test-board", Check = check };

    /// <summary>Encodes one payload: its manifest entry and its stored chunk data.</summary>
    public static (PayloadManifest Manifest, byte[] Stored) Encode(string name, byte[] data, PayloadEncoding? encoding = null)
    {
        using var output = new MemoryStream();
        var manifest = PayloadEncoder.EncodeAsync(name, new MemoryStream(data), output, encoding ?? SmallChunks).GetAwaiter().GetResult();
        return (manifest, output.ToArray());
    }

    /// <summary>A manifest for "test-board", created at <see cref="Epoch"/>, expiring 90 days later.</summary>
    public static BundleManifest Manifest(IReadOnlyList<PayloadManifest> payloads, IReadOnlyList<TrustFile>? trust = null, string version = "1.0.0") => new()
    {
        Format = BundleManifest.CurrentFormat,
        Compatible = ["test-board"],
        Version = version,
        Created = Epoch,
        Expires = Epoch.AddDays(90),
        Trust = trust?.Select(t => new TrustReference { Version = t.Version, Sha256 = t.Sha256 }).ToList(),
        Payloads = payloads,
    };

    /// <summary>The <c>manifest.sig</c> entry for <paramref name="manifestBytes"/>, one record per signer, in order.</summary>
    public static byte[] SignatureEntry(byte[] manifestBytes, IEnumerable<SigningKey> signers)
    {
        var message = PreAuthEncoding.Encode(PreAuthEncoding.ManifestType, manifestBytes);
        var signatures = new DetachedSignatures
        {
            PayloadType = PreAuthEncoding.ManifestType,
            Signatures = signers.Select(k => SignatureRecord.Create(k, message)).ToList(),
        };
        return StrictJson.Encode(signatures, FirmwareJsonContext.Default.DetachedSignatures);
    }

    /// <summary>
    /// A bundle built by hand around <paramref name="manifestBytes"/>, properly signed by
    /// <paramref name="signers"/>, followed by <paramref name="rest"/>. Bypasses the writer's checks.
    /// </summary>
    public static byte[] Assemble(byte[] manifestBytes, IEnumerable<SigningKey> signers, params RawEntry[] rest) =>
        RawTar.Archive([
            new RawEntry(BundleEntryNames.Manifest, manifestBytes),
            new RawEntry(BundleEntryNames.Signatures, SignatureEntry(manifestBytes, signers)),
            .. rest,
        ]);

    /// <summary>Reads a bundle to the end through a forward-only stream, recording everything handed on.</summary>
    public static async Task<ReadResult> ReadAsync(byte[] bundle, VerificationPolicy policy, int maxReadSize = 4093)
    {
        var stream = new ForwardOnlyStream(bundle, maxReadSize);
        using var reader = new BundleReader(stream, policy);
        var result = new ReadResult();
        try
        {
            result.Manifest = await reader.ReadManifestAsync();
            result.ReadBeforeManifestVerified = stream.BytesRead;
            while (await reader.ReadChunkAsync() is { } chunk)
            {
                result.Chunks.Add(new ReceivedChunk(chunk.Payload.Name, chunk.Index, chunk.Offset, chunk.Data.ToArray()));
            }

            result.Completed = true;
        }
        catch (BundleException e)
        {
            result.Error = e;
            result.ReadBeforeManifestVerified ??= stream.BytesRead;
        }

        return result;
    }

    /// <summary>Reads a bundle that must be rejected, and returns why.</summary>
    public static async Task<BundleException> RejectedAsync(byte[] bundle, VerificationPolicy policy)
    {
        var result = await ReadAsync(bundle, policy);
        Assert.False(result.Completed, "the bundle was accepted");
        return result.Error!;
    }

    /// <summary>A copy of <paramref name="data"/> with bit <paramref name="bit"/> (0 = least significant) of byte <paramref name="offset"/> flipped.</summary>
    public static byte[] FlipBit(byte[] data, long offset, int bit = 0)
    {
        var copy = data.ToArray();
        copy[offset] ^= (byte)(1 << bit);
        return copy;
    }
}

/// <summary>A chunk as the reader handed it on.</summary>
internal sealed record ReceivedChunk(string Payload, int Index, long Offset, byte[] Data);

/// <summary>What reading a bundle produced: the verified manifest, the chunks handed on, and the rejection if any.</summary>
internal sealed class ReadResult
{
    public VerifiedManifest? Manifest { get; set; }

    public List<ReceivedChunk> Chunks { get; } = [];

    public BundleException? Error { get; set; }

    public bool Completed { get; set; }

    /// <summary>Bytes the reader had pulled from the stream when the manifest was verified (or rejected).</summary>
    public long? ReadBeforeManifestVerified { get; set; }

    /// <summary>Each payload's bytes, reassembled from the chunks handed on.</summary>
    public Dictionary<string, byte[]> Payloads() =>
        Chunks.GroupBy(c => c.Payload).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Index).SelectMany(c => c.Data).ToArray());
}

/// <summary>
/// A stream that can only be read forwards, returning at most a few bytes per read, as a socket
/// does: proves the reader neither seeks nor relies on full reads.
/// </summary>
internal sealed class ForwardOnlyStream(byte[] data, int maxReadSize = int.MaxValue, byte? endlessTail = null) : Stream
{
    private long _position;

    public long BytesRead => _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>After the data, returns <c>endlessTail</c> bytes forever when given, else ends.</summary>
    public override int Read(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, maxReadSize);
        if (_position >= data.Length)
        {
            if (endlessTail is not { } tail)
            {
                return 0;
            }

            buffer[..count].Fill(tail);
        }
        else
        {
            count = Math.Min(count, data.Length - (int)_position);
            data.AsSpan((int)_position, count).CopyTo(buffer);
        }

        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush() => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
