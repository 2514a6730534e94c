using Firmware.Bench;
using Firmware.Cli;
using Firmware.Yaml;

namespace Firmware.Tool.Commands;

/// <summary>Exit codes and messages for bench failures (docs/bench.md); flash failures keep their own.</summary>
internal static class BenchFailures
{
    public static (int ExitCode, string Message)? Classify(Exception e) => Classify(e, null);

    /// <summary>Classifies a failure; <paramref name="afterward"/> says what state the board was left in and where the log is.</summary>
    public static (int ExitCode, string Message)? Classify(Exception e, string? afterward) => e switch
    {
        YamlConfigException c => (ExitCodes.SpecInvalid, c.Message),
        MarkerTimeoutException t => (ExitCodes.MarkerTimeout, $"{t.Message}{Suffix(afterward)}{LastLines(t.Tail)}"),
        BenchException b => (ExitCodes.BenchHardware, $"{b.Message}{Suffix(afterward)}"),
        _ => FlashFailures.Classify(e) is { } flash ? (flash.ExitCode, $"{flash.Message}{Suffix(afterward)}") : null,
    };

    private static string Suffix(string? afterward) => afterward is null ? "" : $"\n  {afterward}";

    private static string LastLines(string tail) =>
        tail.Length == 0 ? "\n  the console printed nothing" : "\n  last lines:\n" + string.Join('\n', tail.Split('\n').Select(l => "    " + l));
}
