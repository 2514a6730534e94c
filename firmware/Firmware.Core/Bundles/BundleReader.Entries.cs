using Firmware.Tar;

namespace Firmware.Bundles;

/// <content>Entry sequencing: every entry must be the one the format expects next.</content>
public sealed partial class BundleReader
{
    private async ValueTask<byte[]> ReadSmallEntryAsync(string name, int limit, CancellationToken cancellationToken)
    {
        var header = await ExpectEntryAsync(name, cancellationToken);
        if (header.Size > limit)
        {
            throw new BundleException(BundleError.EntryTooLarge, $"entry of {header.Size} bytes exceeds the limit of {limit}", name, _tar.Position - TarHeader.BlockSize);
        }

        var data = new byte[header.Size];
        await _tar.ReadDataAsync(data, cancellationToken);
        return data;
    }

    private async ValueTask<TarHeader> ExpectEntryAsync(string name, CancellationToken cancellationToken)
    {
        var header = await _tar.ReadHeaderAsync(cancellationToken)
                     ?? throw new BundleException(BundleError.MissingEntry, "the archive ends where this entry is expected", name, _tar.Position);
        var offset = _tar.Position - TarHeader.BlockSize;
        if (header.Name != name)
        {
            throw Mismatch(header.Name, name, offset);
        }

        if (_created is { } created && header.ModificationTime != created)
        {
            throw new BundleException(BundleError.HeaderInvalid, $"modification time {header.ModificationTime} differs from the manifest's created time {created}", name, offset);
        }

        _firstModificationTime ??= header.ModificationTime;
        _seen.Add(name);
        _expected.Remove(name);
        return header;
    }

    /// <summary>Classifies an entry found where <paramref name="expected"/> should be.</summary>
    private BundleException Mismatch(string found, string expected, long offset)
    {
        if (!BundleEntryNames.IsSafe(found) || _seen.Contains(found) || !_expected.Contains(found) && found != BundleEntryNames.Signatures)
        {
            return Unexpected(found, offset, $"where '{expected}' is expected");
        }

        // A known entry that belongs later: its own kind out of order, or the expected kind missing.
        return Kind(found) == Kind(expected) || found == BundleEntryNames.Signatures
            ? new BundleException(BundleError.EntryOutOfOrder, $"'{found}' appears where '{expected}' is expected", found, offset)
            : new BundleException(BundleError.MissingEntry, $"'{found}' follows where '{expected}' is required", expected, offset);
    }

    private BundleException Unexpected(string found, long offset, string where)
    {
        if (!BundleEntryNames.IsSafe(found))
        {
            return new BundleException(BundleError.UnsafeEntryName, $"unsafe entry name {where}", found, offset);
        }

        return _seen.Contains(found)
            ? new BundleException(BundleError.DuplicateEntry, $"entry appears a second time {where}", found, offset)
            : new BundleException(BundleError.UnexpectedEntry, $"entry the manifest does not list {where}", found, offset);
    }

    private static string Kind(string name) => name.Contains('/', StringComparison.Ordinal) ? name[..name.IndexOf('/', StringComparison.Ordinal)] : name;
}
