using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Firmware.Flash.Bmap;

/// <summary>
/// Reads and writes bmap files in the 2.0 format of bmap-tools (github.com/yoctoproject/bmaptool,
/// docs/README.md "bmap file format"), so that <c>bmaptool copy</c> accepts what we write and we
/// accept what <c>bmaptool create</c> writes. Parsing is strict: every element once, numbers
/// decimal, ranges ascending, disjoint and inside the image, counts consistent, and the file's own
/// checksum (computed with its value replaced by ASCII zeros) must match.
/// </summary>
public static class BmapFile
{
    /// <summary>Largest bmap accepted; a 1 TiB image in 4 KiB blocks fully fragmented is far smaller.</summary>
    public const int MaxBytes = 64 << 20;

    /// <summary>Parses a bmap file's bytes.</summary>
    /// <exception cref="BmapException">The file is not a valid bmap.</exception>
    public static BlockMap Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            throw new BmapException(BmapError.Malformed, $"bmap of {bytes.Length} bytes exceeds {MaxBytes}");
        }

        XDocument document;
        try
        {
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new BmapException(BmapError.Malformed, $"not well-formed XML: {e.Message}", e.LineNumber, e);
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != "bmap")
        {
            throw new BmapException(BmapError.Malformed, "the root element is not <bmap>", LineOf(root));
        }

        var version = (string?)root.Attribute("version") ?? throw new BmapException(BmapError.Malformed, "<bmap> has no version", LineOf(root));
        if (!version.StartsWith("2.", StringComparison.Ordinal))
        {
            throw new BmapException(BmapError.UnsupportedVersion, $"bmap version {version} is not supported (2.x is; bmaptool 3 and later write it)", LineOf(root));
        }

        var imageSize = Number(root, "ImageSize");
        var blockSize = Number(root, "BlockSize");
        var blocksCount = Number(root, "BlocksCount");
        var mappedCount = Number(root, "MappedBlocksCount");
        var checksumType = Text(root, "ChecksumType");
        var fileChecksum = Text(root, "BmapFileChecksum");
        if (blockSize is <= 0 or > 1 << 24 || imageSize < 0)
        {
            throw new BmapException(BmapError.Inconsistent, $"block size {blockSize} or image size {imageSize} is invalid", LineOf(root.Element("BlockSize")));
        }

        using var hash = Hash(checksumType, LineOf(root.Element("ChecksumType")));
        VerifyFileChecksum(bytes, fileChecksum, hash, LineOf(root.Element("BmapFileChecksum")));

        var map = new BlockMap(imageSize, (int)blockSize, ParseRanges(root, blocksCount, hash.HashLengthInBytes * 2)) { ChecksumType = checksumType };
        if (map.BlocksCount != blocksCount)
        {
            throw new BmapException(BmapError.Inconsistent, $"BlocksCount {blocksCount} does not match ImageSize {imageSize} / BlockSize {blockSize}", LineOf(root.Element("BlocksCount")));
        }

        if (map.MappedBlocksCount != mappedCount)
        {
            throw new BmapException(BmapError.Inconsistent, $"MappedBlocksCount {mappedCount} differs from the {map.MappedBlocksCount} blocks the ranges list", LineOf(root.Element("MappedBlocksCount")));
        }

        return map;
    }

    /// <summary>Writes <paramref name="map"/> as a bmap 2.0 file with sha256 checksums.</summary>
    public static byte[] Write(BlockMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map.ChecksumType != BlockMap.Sha256 || map.Ranges.Any(r => r.Checksum is null))
        {
            throw new ArgumentException("Only maps with a sha256 checksum on every range can be written.", nameof(map));
        }

        var percent = map.BlocksCount == 0 ? 0 : 100.0 * map.MappedBlocksCount / map.BlocksCount;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            <?xml version="1.0" ?>
            <!-- Block map (bmap 2.0, as bmaptool reads and writes it) of an image: the blocks
                 that hold data. Only these need to be written when flashing; the others are
                 holes. Each range carries the sha256 of its bytes. Written by fwtool. -->

            <bmap version="2.0">
                <!-- Image size in bytes: {Describe(map.ImageSize)} -->
                <ImageSize> {map.ImageSize} </ImageSize>

                <!-- Size of a block in bytes -->
                <BlockSize> {map.BlockSize} </BlockSize>

                <!-- Count of blocks in the image file -->
                <BlocksCount> {map.BlocksCount} </BlocksCount>

                <!-- Count of mapped blocks: {Describe(map.MappedBlocksCount * map.BlockSize)} or {percent:F1}% -->
                <MappedBlocksCount> {map.MappedBlocksCount} </MappedBlocksCount>

                <!-- Type of checksum used in this file -->
                <ChecksumType> sha256 </ChecksumType>

                <!-- The checksum of this bmap file. When it is calculated, the value of
                     the checksum has be zero (all ASCII "0" symbols). -->
                <BmapFileChecksum> {new string('0', 64)} </BmapFileChecksum>

                <!-- The block map: ranges of blocks, or single blocks, with the checksum of each. -->
                <BlockMap>

            """);
        foreach (var range in map.Ranges)
        {
            var blocks = range.First == range.Last
                ? range.First.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{range.First}-{range.Last}");
            text.Append(CultureInfo.InvariantCulture, $"        <Range chksum=\"{range.Checksum}\"> {blocks} </Range>\n");
        }

        text.Append("    </BlockMap>\n</bmap>\n");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var checksum = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var at = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(new string('0', 64)));
        checksum.CopyTo(bytes.AsSpan(at));
        return bytes;
    }

    private static List<BlockRange> ParseRanges(XElement root, long blocksCount, int checksumLength)
    {
        var blockMap = Single(root, "BlockMap");
        var ranges = new List<BlockRange>();
        foreach (var element in blockMap.Elements())
        {
            var line = LineOf(element);
            if (element.Name.LocalName != "Range")
            {
                throw new BmapException(BmapError.Malformed, $"unexpected <{element.Name.LocalName}> in <BlockMap>", line);
            }

            var checksum = ((string?)element.Attribute("chksum"))?.Trim();
            if (checksum is not null && (checksum.Length != checksumLength || !checksum.All(char.IsAsciiHexDigit)))
            {
                throw new BmapException(BmapError.Malformed, $"range checksum '{checksum}' is not {checksumLength} hex digits", line);
            }

            var text = element.Value.Trim();
            var dash = text.IndexOf('-', StringComparison.Ordinal);
            var first = ParseLong(dash < 0 ? text : text[..dash], "range", line);
            var last = dash < 0 ? first : ParseLong(text[(dash + 1)..], "range", line);
            if (last < first || last >= blocksCount || (ranges.Count > 0 && first <= ranges[^1].Last))
            {
                throw new BmapException(BmapError.InvalidRange, $"range {text} is reversed, overlaps the previous one, or lies beyond the image's {blocksCount} blocks", line);
            }

            ranges.Add(new BlockRange(first, last, checksum?.ToLowerInvariant()));
        }

        return ranges;
    }

    private static void VerifyFileChecksum(ReadOnlySpan<byte> bytes, string expected, IncrementalHash hash, int? line)
    {
        if (expected.Length != hash.HashLengthInBytes * 2 || !expected.All(char.IsAsciiHexDigit))
        {
            throw new BmapException(BmapError.Malformed, $"BmapFileChecksum '{expected}' is not {hash.HashLengthInBytes * 2} hex digits", line);
        }

        // As bmaptool does: the first occurrence of the value is replaced by zeros, then the whole file is hashed.
        var copy = bytes.ToArray();
        var at = copy.AsSpan().IndexOf(Encoding.ASCII.GetBytes(expected));
        copy.AsSpan(at, expected.Length).Fill((byte)'0');
        hash.AppendData(copy);
        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (!actual.Equals(expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new BmapException(BmapError.FileChecksumMismatch, $"bmap file checksum is {actual}, the file says {expected}: the file was changed or damaged", line);
        }
    }

    /// <summary>Creates the hash a bmap's checksum type names.</summary>
    internal static IncrementalHash Hash(string checksumType, int? line = null) => checksumType switch
    {
        "sha256" => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
        "sha1" => IncrementalHash.CreateHash(HashAlgorithmName.SHA1),
        "md5" => IncrementalHash.CreateHash(HashAlgorithmName.MD5),
        _ => throw new BmapException(BmapError.Malformed, $"checksum type '{checksumType}' is not sha256, sha1 or md5", line),
    };

    private static XElement Single(XElement root, string name)
    {
        var elements = root.Elements(name).ToList();
        return elements.Count == 1
            ? elements[0]
            : throw new BmapException(BmapError.Malformed, $"<{name}> appears {elements.Count} times, not once", LineOf(elements.Count > 1 ? elements[1] : root));
    }

    private static string Text(XElement root, string name) => Single(root, name).Value.Trim();

    private static long Number(XElement root, string name) => ParseLong(Text(root, name), name, LineOf(root.Element(name)));

    private static long ParseLong(string text, string what, int? line) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BmapException(BmapError.Malformed, $"{what} '{text}' is not a non-negative decimal number", line);

    private static int? LineOf(XObject? node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;

    private static string Describe(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
    };
}
