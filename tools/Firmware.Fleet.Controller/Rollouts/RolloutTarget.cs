using Firmware.Fleet.Controller.Devices;

namespace Firmware.Fleet.Controller.Rollouts;

/// <summary>
/// Which devices a rollout is for (<c>--target board=X,tag=Y,version=Z,devices=a,b</c>): every
/// condition given must hold; a device must also be compatible with the bundle, whatever the target.
/// </summary>
public sealed record RolloutTarget
{
    /// <summary>The board name, or null for any.</summary>
    public string? Board { get; init; }

    /// <summary>Tags the device must all carry.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The installed version the device must run, or null for any.</summary>
    public string? Version { get; init; }

    /// <summary>An explicit device list, or empty for all.</summary>
    public IReadOnlyList<string> Devices { get; init; } = [];

    /// <summary>True when <paramref name="device"/> is a target for a bundle compatible with <paramref name="compatible"/>.</summary>
    public bool Matches(DeviceRecord device, IReadOnlyList<string> compatible)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(compatible);
        return device.Birth is { Compatible: { } c } birth && compatible.Contains(c)
            && (Board is null || birth.Board == Board)
            && (Version is null || birth.Version == Version)
            && Tags.All(birth.Tags!.Contains)
            && (Devices.Count == 0 || Devices.Contains(device.Id));
    }

    /// <summary>Parses the <c>--target</c> text: <c>KEY=VALUE</c> pairs separated by commas; <c>devices=</c> and <c>tag=</c> take further comma-separated values.</summary>
    /// <exception cref="ArgumentException">An unknown key, an empty value, or a value given twice.</exception>
    public static RolloutTarget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var target = new RolloutTarget();
        string? key = null;
        foreach (var piece in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = piece.IndexOf('=', StringComparison.Ordinal);
            var value = equals < 0 ? piece : piece[(equals + 1)..];
            key = equals < 0 ? key : piece[..equals];
            if (value.Length == 0)
            {
                throw new ArgumentException($"--target: empty value in '{text}'", nameof(text));
            }

            target = key switch
            {
                "board" when target.Board is null && equals >= 0 => target with { Board = value },
                "version" when target.Version is null && equals >= 0 => target with { Version = value },
                "tag" => target with { Tags = [.. target.Tags, value] },
                "devices" => target with { Devices = [.. target.Devices, DeviceId.IsValid(value) ? value : throw new ArgumentException($"--target devices: '{value}' is not a device id (1..64 of [A-Za-z0-9._-])", nameof(text))] },
                null => throw new ArgumentException($"--target: '{piece}' is not KEY=VALUE (keys: board, tag, version, devices)", nameof(text)),
                _ => throw new ArgumentException($"--target: '{piece}': unknown key or a value given twice (keys: board, tag, version, devices)", nameof(text)),
            };
        }

        return target;
    }
}
