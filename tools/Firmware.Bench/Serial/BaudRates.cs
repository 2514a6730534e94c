namespace Firmware.Bench.Serial;

/// <summary>
/// The line speeds termios can set, and their <c>speed_t</c> codes. Linux encodes the classic rates
/// 0-38400 as 1-15 and the higher ones with the CBAUDEX bit (010000 octal) set
/// (include/uapi/asm-generic/termbits.h); glibc's cfsetispeed takes these codes, not numbers.
/// </summary>
public static class BaudRates
{
    private const uint CBaudEx = 0x1000; // 010000 octal

    private static readonly Dictionary<int, uint> Codes = new()
    {
        [1200] = 9,
        [2400] = 11,
        [4800] = 12,
        [9600] = 13,
        [19200] = 14,
        [38400] = 15,
        [57600] = CBaudEx | 1,
        [115200] = CBaudEx | 2,
        [230400] = CBaudEx | 3,
        [460800] = CBaudEx | 4,
        [500000] = CBaudEx | 5,
        [576000] = CBaudEx | 6,
        [921600] = CBaudEx | 7,
        [1000000] = CBaudEx | 8,
        [1152000] = CBaudEx | 9,
        [1500000] = CBaudEx | 10,
        [2000000] = CBaudEx | 11,
        [2500000] = CBaudEx | 12,
        [3000000] = CBaudEx | 13,
    };

    /// <summary>The supported rates, ascending.</summary>
    public static IReadOnlyList<int> Supported { get; } = [.. Codes.Keys.Order()];

    /// <summary>True when <paramref name="baud"/> is a rate termios can set.</summary>
    public static bool IsSupported(int baud) => Codes.ContainsKey(baud);

    /// <summary>The <c>speed_t</c> code of a rate.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not supported.</exception>
    internal static uint Code(int baud) => Codes.TryGetValue(baud, out var code)
        ? code
        : throw new ArgumentOutOfRangeException(nameof(baud), baud, $"not a standard rate ({string.Join(", ", Supported)})");
}
