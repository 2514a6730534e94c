using Firmware.Fleet.Host.Access;
using Firmware.Fleet.Host.Credentials;

namespace Firmware.Fleet.Host.Provisioning;

/// <summary>The devices to provision: one device id per line; blank lines and <c>#</c> comments are skipped.</summary>
public static class DeviceList
{
    /// <summary>Parses a device list; <paramref name="fileName"/> names the file in errors.</summary>
    /// <exception cref="CredentialFileException">A line is not a device id, or an id repeats.</exception>
    public static IReadOnlyList<string> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!FleetNames.IsDeviceId(line))
            {
                throw new CredentialFileException(fileName, i + 1, $"'{line}' is not a device id (1-64 of [A-Za-z0-9._-], not . or ..)");
            }

            if (!seen.Add(line))
            {
                throw new CredentialFileException(fileName, i + 1, $"{line}: listed twice");
            }

            ids.Add(line);
        }

        return ids.Count > 0 ? ids : throw new CredentialFileException(fileName, 1, "no devices listed");
    }

    /// <summary><paramref name="count"/> numbered ids: <c>device-0001</c>, <c>device-0002</c>, ...</summary>
    public static IReadOnlyList<string> Numbered(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 1_000_000);
        return [.. Enumerable.Range(1, count).Select(n => $"device-{n:D4}")];
    }
}
