using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Firmware.Bundles;
using Firmware.Chunking;
using Firmware.Signing;
using Firmware.Tar;
using Firmware.Trust;

namespace Firmware.Fuzz;

/// <summary>
/// Writes the seed corpus: for each target, valid inputs and a handful of malformed ones, each
/// checked against the outcome it is meant to have before it is written. Everything is derived
/// from <see cref="FuzzKeys"/> and fixed data, so the output is the same on every run.
/// </summary>
internal static class SeedCorpus
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    // Small chunks keep bundles at a few KiB while every payload still has several chunks.
    private static readonly FastCdcChunker Chunker = new(256, 1024, 4096);

    public static int Write(string outDir, TextWriter log)
    {
        var seeds = new List<Seed>();
        seeds.AddRange(Manifests());
        seeds.AddRange(Trusts());
        seeds.AddRange(Bundles());
        var failures = 0;
        foreach (var seed in seeds)
        {
            var outcome = FuzzTargets.Run(seed.Target, seed.Data);
            var ok = outcome == seed.Expected;
            failures += ok ? 0 : 1;
            log.WriteLine($"{(ok ? "ok  " : "FAIL")} {seed.Target}/{seed.Name} ({seed.Data.Length} bytes): {Describe(outcome)}{(ok ? "" : $", expected {Describe(seed.Expected)}")}");
            var dir = Path.Combine(outDir, seed.Target);
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, seed.Name), seed.Data);
        }

        log.WriteLine($"{seeds.Count} seeds written to {outDir}, {failures} with an unexpected outcome");
        return failures == 0 ? 0 : 1;
    }

    private static string Describe(BundleError? outcome) => outcome?.ToString() ?? "accepted";

    private sealed record Seed(string Target, string Name, byte[] Data, BundleError? Expected);

    // ---------------------------------------------------------------- manifests

    private static IEnumerable<Seed> Manifests()
    {
        var valid = Encoding.UTF8.GetString(ManifestRules.Serialize(ValidBundle().Manifest));
        var rotation = Encoding.UTF8.GetString(ManifestRules.Serialize(RotationBundle().Manifest));
        yield return Text("manifest", "valid.json", valid, null);
        yield return Text("manifest", "valid-trust-minversion.json", rotation, null);
        yield return Text("manifest", "format-2.json", valid.Replace("\"format\":1", "\"format\":2", StringComparison.Ordinal), BundleError.UnsupportedFormat);
        yield return Text("manifest", "format-string.json", valid.Replace("\"format\":1", "\"format\":\"1\"", StringComparison.Ordinal), BundleError.ManifestMalformed);
        yield return Text("manifest", "not-object.json", "[1]", BundleError.ManifestMalformed);
        yield return Text("manifest", "truncated.json", valid[..(valid.Length / 2)], BundleError.ManifestMalformed);
        yield return Text("manifest", "unknown-key.json", valid.Replace("\"format\":1,", "\"format\":1,\"extra\":true,", StringComparison.Ordinal), BundleError.ManifestMalformed);
        yield return Text("manifest", "duplicate-key.json", valid.Replace("\"format\":1,", "\"format\":1,\"version\":\"1.0.0\",", StringComparison.Ordinal), BundleError.ManifestMalformed);
        yield return Text("manifest", "missing-payloads.json", "{\"format\":1,\"compatible\":[\"b\"],\"version\":\"1.0.0\",\"created\":\"2023-11-14T22:13:20+00:00\",\"expires\":\"2024-11-14T22:13:20+00:00\"}", BundleError.ManifestMalformed);
        yield return Text("manifest", "bad-version.json", valid.Replace("\"version\":\"1.1.0\"", "\"version\":\"1.01.0\"", StringComparison.Ordinal), BundleError.ManifestInvalid);
        yield return Text("manifest", "minversion-above.json", rotation.Replace("\"minVersion\":\"1.1.0\"", "\"minVersion\":\"9.0.0\"", StringComparison.Ordinal), BundleError.ManifestInvalid);
        yield return Text("manifest", "expires-before-created.json", valid.Replace("\"expires\":\"2024", "\"expires\":\"2022", StringComparison.Ordinal), BundleError.ManifestInvalid);
        yield return Text("manifest", "chunking-not-pow2.json", valid.Replace("\"averageSize\":1024", "\"averageSize\":1000", StringComparison.Ordinal), BundleError.ManifestInvalid);
        yield return Text("manifest", "bad-payload-name.json", valid.Replace("\"name\":\"kernel\"", "\"name\":\"../kernel\"", StringComparison.Ordinal), BundleError.ManifestInvalid);
        yield return Text("manifest", "size-mismatch.json", ReplaceFirstNumber(valid, "\"size\":", 1), BundleError.ManifestInvalid);
        yield return Text("manifest", "deep-nesting.json", "{\"format\":1,\"compatible\":" + new string('[', 40) + new string(']', 40) + "}", BundleError.ManifestMalformed);
    }

    /// <summary>Adds <paramref name="delta"/> to the first number after <paramref name="key"/>.</summary>
    private static string ReplaceFirstNumber(string json, string key, int delta)
    {
        var start = json.IndexOf(key, StringComparison.Ordinal) + key.Length;
        var end = start;
        while (char.IsAsciiDigit(json[end]))
        {
            end++;
        }

        var value = long.Parse(json[start..end], System.Globalization.CultureInfo.InvariantCulture) + delta;
        return string.Concat(json.AsSpan(0, start), value.ToString(System.Globalization.CultureInfo.InvariantCulture), json.AsSpan(end));
    }

    private static Seed Text(string target, string name, string text, BundleError? expected) => new(target, name, Encoding.UTF8.GetBytes(text), expected);

    // ---------------------------------------------------------------- trust files

    /// <summary>Trust version 2: root keys 1 and 2 (threshold 2), release key 2; signed by both roots.</summary>
    private static TrustFile TrustV2(DateTimeOffset? expires = null) =>
        TrustFile.Create(FuzzKeys.Document(2, [FuzzKeys.Root1, FuzzKeys.Root2], 2, [FuzzKeys.Release2], expires ?? FuzzKeys.Now.AddYears(5)), [FuzzKeys.Root1, FuzzKeys.Root2]);

    private static IEnumerable<Seed> Trusts()
    {
        var v1 = FuzzKeys.Trust;
        var v2 = TrustV2();
        var v1Body = TrustBody(v1);
        yield return new Seed("trust", "valid-v1.json", v1.Bytes.ToArray(), null);
        yield return new Seed("trust", "valid-v2-rotation.json", v2.Bytes.ToArray(), null);
        yield return new Seed("trust", "v2-new-roots-only.json",
            TrustFile.Create(FuzzKeys.Document(2, [FuzzKeys.Root2], 1, [FuzzKeys.Release2], FuzzKeys.Now.AddYears(5)), [FuzzKeys.Root2]).Bytes.ToArray(), BundleError.TrustRotationInvalid);
        yield return new Seed("trust", "v3-gap.json",
            TrustFile.Create(FuzzKeys.Document(3, [FuzzKeys.Root1], 1, [FuzzKeys.Release1], FuzzKeys.Now.AddYears(5)), [FuzzKeys.Root1]).Bytes.ToArray(), BundleError.TrustRotationInvalid);
        yield return new Seed("trust", "v2-expired.json", TrustV2(FuzzKeys.Now.AddDays(-1)).Bytes.ToArray(), BundleError.TrustExpired);
        yield return new Seed("trust", "unsigned.json", Envelope(PreAuthEncoding.TrustType, v1Body), BundleError.ThresholdNotMet);
        yield return new Seed("trust", "duplicate-signer.json", Envelope(PreAuthEncoding.TrustType, v1Body, FuzzKeys.Root1, FuzzKeys.Root1), BundleError.DuplicateSigner);
        yield return new Seed("trust", "signed-by-release.json", Envelope(PreAuthEncoding.TrustType, v1Body, FuzzKeys.Release1), BundleError.UnknownSigner);
        yield return new Seed("trust", "wrong-payload-type.json", Envelope(PreAuthEncoding.ManifestType, v1Body, FuzzKeys.Root1), BundleError.TrustMalformed);
        yield return Text("trust", "payload-not-base64.json",
            Encoding.UTF8.GetString(v1.Bytes).Replace("\"payload\":\"", "\"payload\":\"*", StringComparison.Ordinal), BundleError.TrustMalformed);
        var body = Encoding.UTF8.GetString(v1Body);
        yield return new Seed("trust", "threshold-zero.json",
            Envelope(PreAuthEncoding.TrustType, Encoding.UTF8.GetBytes(body.Replace("\"threshold\":1", "\"threshold\":0", StringComparison.Ordinal)), FuzzKeys.Root1), BundleError.TrustMalformed);
        yield return new Seed("trust", "keyid-mismatch.json",
            Envelope(PreAuthEncoding.TrustType, Encoding.UTF8.GetBytes(body.Replace(FuzzKeys.Root1.KeyId, new string('0', 64), StringComparison.Ordinal)), FuzzKeys.Root1), BundleError.TrustMalformed);
        yield return new Seed("trust", "wrong-type.json",
            Envelope(PreAuthEncoding.TrustType, Encoding.UTF8.GetBytes(body.Replace(TrustDocument.TypeName, "other", StringComparison.Ordinal)), FuzzKeys.Root1), BundleError.TrustMalformed);
    }

    private static byte[] TrustBody(TrustFile trust) => Convert.FromBase64String(trust.Envelope.Payload);

    /// <summary>A DSSE envelope around <paramref name="body"/>, signed by <paramref name="signers"/> over its pre-authentication encoding.</summary>
    private static byte[] Envelope(string payloadType, byte[] body, params SigningKey[] signers)
    {
        var message = PreAuthEncoding.Encode(payloadType, body);
        using var output = new MemoryStream();
        // The writer's own escaping (only what JSON requires): trust files admit one canonical encoding.
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("payloadType", payloadType);
            json.WriteString("payload", Convert.ToBase64String(body));
            WriteSignatures(json, message, signers);
            json.WriteEndObject();
        }

        return output.ToArray();
    }

    private static void WriteSignatures(Utf8JsonWriter json, byte[] message, SigningKey[] signers)
    {
        json.WriteStartArray("signatures");
        foreach (var key in signers)
        {
            json.WriteStartObject();
            json.WriteString("keyid", key.KeyId);
            json.WriteString("sig", Convert.ToBase64String(key.Sign(message)));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    // ---------------------------------------------------------------- bundles

    /// <summary>A bundle as its parts: the manifest, the stored payloads and the archive.</summary>
    private sealed record BuiltBundle(BundleManifest Manifest, Dictionary<string, byte[]> Stored, byte[] Archive);

    private static BuiltBundle ValidBundle() => Build(m => m);

    /// <summary>Carries trust version 2, is signed by its release key and raises the floor.</summary>
    private static BuiltBundle RotationBundle() => Build(m => m with { Version = "1.2.0", MinVersion = "1.1.0" }, signer: FuzzKeys.Release2, trust: [TrustV2()]);

    private static BuiltBundle Build(Func<BundleManifest, BundleManifest> edit, SigningKey? signer = null, IReadOnlyList<TrustFile>? trust = null,
        Func<string, byte[], byte[]>? editStored = null)
    {
        // kernel: text that compresses, then random bytes that do not, so it has chunks of both kinds.
        var kernel = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("firmware kernel image, compressible line\n", 120)))
            .Concat(Random(2500, 1)).ToArray();
        var rootfs = Random(3000, 2);
        var stored = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var payloads = new List<PayloadManifest>
        {
            Encode("kernel", kernel, compress: true, stored),
            Encode("rootfs", rootfs, compress: false, stored),
        };
        var manifest = edit(new BundleManifest
        {
            Format = BundleManifest.CurrentFormat,
            Compatible = [FuzzKeys.Board, "other-board"],
            Version = "1.1.0",
            Created = Created,
            Expires = Created.AddYears(1),
            Trust = trust?.Select(t => new TrustReference { Version = t.Version, Sha256 = t.Sha256 }).ToList(),
            Payloads = payloads,
        });
        if (editStored is not null)
        {
            foreach (var name in stored.Keys.ToList())
            {
                stored[name] = editStored(name, stored[name]);
            }
        }

        using var archive = new MemoryStream();
        BundleWriter.WriteAsync(archive, manifest, [signer ?? FuzzKeys.Release1], trust ?? [], p => new MemoryStream(stored[p.Name], writable: false))
            .GetAwaiter().GetResult();
        return new BuiltBundle(manifest, stored, archive.ToArray());
    }

    private static PayloadManifest Encode(string name, byte[] data, bool compress, Dictionary<string, byte[]> stored)
    {
        var encoding = new PayloadEncoding { Compress = compress, Level = 3, Chunker = Chunker, MaxDegreeOfParallelism = 1 };
        using var output = new MemoryStream();
        var manifest = PayloadEncoder.EncodeAsync(name, new MemoryStream(data, writable: false), output, encoding).GetAwaiter().GetResult();
        stored[name] = output.ToArray();
        return manifest;
    }

    private static byte[] Random(int length, int seed)
    {
        var data = new byte[length];
#pragma warning disable CA5394 // Fixed test data, not security: the seed makes it reproducible.
        new Random(seed).NextBytes(data);
#pragma warning restore CA5394
        return data;
    }

    private static IEnumerable<Seed> Bundles()
    {
        var valid = ValidBundle();
        var rotation = RotationBundle();
        var entries = ReadEntries(valid.Archive);
        yield return new Seed("bundle", "valid.tar", valid.Archive, null);
        yield return new Seed("bundle", "valid-rotation.tar", rotation.Archive, null);
        yield return new Seed("bundle", "base256-size.tar", Tar(entries, base256Sizes: true), BundleError.HeaderInvalid);
        yield return new Seed("bundle", "truncated.tar", valid.Archive[..1500], BundleError.Truncated);
        yield return new Seed("bundle", "no-end-marker.tar", valid.Archive[..^1024], BundleError.Truncated);
        yield return new Seed("bundle", "trailing-data.tar", [.. valid.Archive, .. new byte[10239], 1], BundleError.TrailingData);
        yield return new Seed("bundle", "header-checksum.tar", Flip(valid.Archive, 10), BundleError.HeaderChecksum);
        yield return new Seed("bundle", "not-ustar.tar", Tar(entries, magic: "GNUtar"), BundleError.HeaderInvalid);
        yield return new Seed("bundle", "symlink-entry.tar", Tar(entries, type: (byte)'2'), BundleError.UnsupportedEntryType);
        yield return new Seed("bundle", "unsafe-name.tar", Tar([entries[0], ("../escape", [1, 2, 3]), .. entries[1..]]), BundleError.UnsafeEntryName);
        yield return new Seed("bundle", "duplicate-manifest.tar", Tar([entries[0], .. entries]), BundleError.DuplicateEntry);
        yield return new Seed("bundle", "missing-signatures.tar", Tar([entries[0], .. entries[2..]]), BundleError.MissingEntry);
        yield return new Seed("bundle", "payloads-swapped.tar", Tar([entries[0], entries[1], entries[3], entries[2]]), BundleError.EntryOutOfOrder);
        yield return new Seed("bundle", "unlisted-entry.tar", Tar([.. entries, ("payloads/extra", [1])]), BundleError.UnexpectedEntry);
        yield return new Seed("bundle", "oversize-manifest.tar", OversizeHeader(), BundleError.EntryTooLarge);
        yield return new Seed("bundle", "chunk-corrupted.tar", Flip(valid.Archive, valid.Archive.Length - 1024 - 700), BundleError.ChunkHashMismatch);
        yield return new Seed("bundle", "manifest-tampered.tar",
            Tar([(entries[0].Name, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entries[0].Data).Replace("\"1.1.0\"", "\"1.1.1\"", StringComparison.Ordinal))), .. entries[1..]]),
            BundleError.SignatureInvalid);
        yield return new Seed("bundle", "signed-by-root.tar", Build(m => m, signer: FuzzKeys.Root1).Archive, BundleError.UnknownSigner);
        yield return new Seed("bundle", "wrong-board.tar", Build(m => m with { Compatible = ["other-board"] }).Archive, BundleError.IncompatibleBoard);
        yield return new Seed("bundle", "downgrade.tar", Build(m => m with { Version = "0.9.0" }).Archive, BundleError.Downgrade);
        yield return new Seed("bundle", "expired.tar", Build(m => m with { Created = Created.AddYears(-2), Expires = FuzzKeys.Now.AddSeconds(-1) }).Archive, BundleError.BundleExpired);
        yield return new Seed("bundle", "trust-tampered.tar", FlipInEntry(rotation.Archive, "trust/2.json", 40), BundleError.TrustMismatch);
        yield return new Seed("bundle", "stale-trust-key.tar", Build(m => m, signer: FuzzKeys.Release1, trust: [TrustV2()]).Archive, BundleError.UnknownSigner);
        yield return new Seed("bundle", "zstd-frame-corrupted.tar", CorruptFrame(), BundleError.DecompressionFailed);
    }

    /// <summary>
    /// A bundle whose first compressed chunk is damaged after compression, with the manifest's
    /// stored digest updated and signed: the damage is authentic, so only decompression finds it.
    /// </summary>
    private static byte[] CorruptFrame()
    {
        var valid = ValidBundle();
        var kernel = valid.Manifest.Payloads[0];
        var chunk = kernel.Chunks.First(c => c.StoredSize < c.Size);
        var at = kernel.Chunks.TakeWhile(c => !ReferenceEquals(c, chunk)).Sum(c => c.StoredSize);
        var data = valid.Stored["kernel"].ToArray();

        // Byte 4 of a frame is its header descriptor; setting the reserved bit (0x08) makes zstd refuse it.
        data[at + 4] |= 0x08;
        var digest = Convert.ToHexStringLower(SHA256.HashData(data.AsSpan(at, chunk.StoredSize)));
        var chunks = kernel.Chunks.Select(c => ReferenceEquals(c, chunk) ? c with { StoredSha256 = digest } : c).ToList();
        return Build(m => m with { Payloads = [m.Payloads[0] with { Chunks = chunks }, m.Payloads[1]] },
            editStored: (name, stored) => name == "kernel" ? data : stored).Archive;
    }

    private static byte[] Flip(byte[] data, int index)
    {
        var copy = data.ToArray();
        copy[index] ^= 0x01;
        return copy;
    }

    private static byte[] FlipInEntry(byte[] archive, string entry, int offset)
    {
        var position = 0;
        while (true)
        {
            var header = TarHeader.Parse(archive.AsSpan(position, TarHeader.BlockSize), position);
            if (header.Name == entry)
            {
                return Flip(archive, position + TarHeader.BlockSize + offset);
            }

            position += TarHeader.BlockSize + (int)header.Size + TarHeader.PaddingFor(header.Size);
        }
    }

    /// <summary>A manifest header that claims 9 MiB, followed by one block of data.</summary>
    private static byte[] OversizeHeader()
    {
        var block = new byte[2 * TarHeader.BlockSize];
        new TarHeader(BundleEntryNames.Manifest, 9 << 20, Created.ToUnixTimeSeconds(), 0x1A4).WriteTo(block);
        return block;
    }

    private static List<(string Name, byte[] Data)> ReadEntries(byte[] archive)
    {
        var entries = new List<(string, byte[])>();
        var position = 0;
        while (!TarHeader.IsZeroBlock(archive.AsSpan(position)))
        {
            var header = TarHeader.Parse(archive.AsSpan(position, TarHeader.BlockSize), position);
            position += TarHeader.BlockSize;
            entries.Add((header.Name, archive.AsSpan(position, (int)header.Size).ToArray()));
            position += (int)header.Size + TarHeader.PaddingFor(header.Size);
        }

        return entries;
    }

    /// <summary>
    /// Writes a ustar archive of <paramref name="entries"/> with the product's header writer, then
    /// optionally rewrites header fields (re-checksummed) to make variants the writer never produces.
    /// </summary>
    private static byte[] Tar(IEnumerable<(string Name, byte[] Data)> entries, bool base256Sizes = false, string? magic = null, byte? type = null)
    {
        using var output = new MemoryStream();
        var block = new byte[TarHeader.BlockSize];
        var first = true;
        foreach (var (name, data) in entries)
        {
            new TarHeader(name, data.Length, Created.ToUnixTimeSeconds(), 0x1A4).WriteTo(block);
            if (base256Sizes)
            {
                var size = block.AsSpan(124, 12);
                size.Clear();
                size[0] = 0x80;
                BinaryPrimitives.WriteInt64BigEndian(size[4..], data.Length);
            }

            if (magic is not null && first)
            {
                Encoding.ASCII.GetBytes(magic).CopyTo(block.AsSpan(257, 6));
            }

            if (type is { } t && !first)
            {
                block[156] = t;
            }

            Rechecksum(block);
            output.Write(block);
            output.Write(data);
            output.Write(new byte[TarHeader.PaddingFor(data.Length)]);
            first = false;
        }

        output.Write(new byte[2 * TarHeader.BlockSize]);
        return output.ToArray();
    }

    private static void Rechecksum(byte[] block)
    {
        block.AsSpan(148, 8).Fill((byte)' ');
        var sum = block.Sum(b => (long)b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0')).CopyTo(block.AsSpan(148, 6));
        block[154] = 0;
        block[155] = (byte)' ';
    }
}
