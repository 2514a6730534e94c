using System.Text;

namespace Firmware.Versioning;

/// <summary>
/// <c>/etc/fw-release</c>: what a root filesystem is, stamped into it by <c>fwtool image build</c>
/// and read by the agent, so a device always knows the version it runs (its birth, the
/// controller's targeting and the downgrade check) without being told on its command line. The
/// format is os-release's (one <c>KEY=value</c> per line, <c>#</c> comments, values optionally
/// double-quoted), with os-release's own keys for the image: <c>IMAGE_ID</c> and <c>IMAGE_VERSION</c>,
/// plus <c>FW_BOARD</c>.
/// </summary>
/// <param name="ImageId">The image's name (the spec file's name).</param>
/// <param name="Version">The firmware version the image was built as.</param>
/// <param name="Board">The board the root was built for.</param>
public sealed record FirmwareRelease(string ImageId, FirmwareVersion Version, string Board)
{
    /// <summary>Where the file lives in a root filesystem.</summary>
    public const string Path = "/etc/fw-release";

    /// <summary>The largest file read: the format holds three short lines.</summary>
    public const int MaxBytes = 4096;

    /// <summary>The file's text.</summary>
    public string Format() =>
        new StringBuilder()
            .Append("IMAGE_ID=").Append(ImageId).Append('\n')
            .Append("IMAGE_VERSION=").Append(Version.Text).Append('\n')
            .Append("FW_BOARD=").Append(Board).Append('\n')
            .ToString();

    /// <summary>Parses the file's text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="FormatException">A line is not <c>KEY=value</c>, a key is missing, or the version is not semantic.</exception>
    public static FirmwareRelease Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"{source}:{number}: '{line}' is not KEY=value");
            }

            var value = line[(equals + 1)..];
            values[line[..equals]] = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
        }

        string Required(string key) =>
            values.TryGetValue(key, out var value) && value.Length > 0 ? value : throw new FormatException($"{source}: no {key}");
        var version = Required("IMAGE_VERSION");
        return new FirmwareRelease(Required("IMAGE_ID"),
            FirmwareVersion.TryParse(version, out var parsed) ? parsed : throw new FormatException($"{source}: IMAGE_VERSION '{version}' is not a semantic version"),
            Required("FW_BOARD"));
    }

    /// <summary>Reads the file at <paramref name="path"/>, or returns null when there is none (a root not built by fwtool).</summary>
    /// <exception cref="FormatException">The file exists but is not a release file, or is larger than <see cref="MaxBytes"/>.</exception>
    public static FirmwareRelease? TryRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return null;
        }

        using var stream = File.OpenRead(path);
        var buffer = new byte[MaxBytes + 1];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return length > MaxBytes
            ? throw new FormatException($"{path}: larger than {MaxBytes} bytes, not a release file")
            : Parse(Encoding.UTF8.GetString(buffer, 0, length), path);
    }
}
