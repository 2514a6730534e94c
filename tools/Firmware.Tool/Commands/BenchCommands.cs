using System.CommandLine;
using Firmware.Bench.Serial;
using Firmware.Bench.Wiring;
using Firmware.Cli;

namespace Firmware.Tool.Commands;

/// <summary><c>fwtool bench power | console | cycle</c>: drive a board on the bench (docs/bench.md).</summary>
internal static partial class BenchCommands
{
    private const string Program = "fwtool";

    public static Command Create(TimeProvider clock) =>
        new("bench", "Drive a board on the bench: power, reset and boot-mode lines, the serial console, flash-and-boot cycles.")
        {
            Power(clock),
            ConsoleCommand(clock),
            Cycle(clock),
        };

    /// <summary>The options that say which board, shared by every bench command.</summary>
    private sealed class BoardOptions
    {
        public Option<string?> Board { get; } = new("--board") { Description = "The board: reads the bench section of BOARDS/NAME/board.yml." };

        public Option<string> Boards { get; } = new("--boards") { Description = "The folder of board folders.", DefaultValueFactory = _ => "boards" };

        public Option<string?> Wiring { get; } = new("--wiring") { Description = "A board file to read the bench section from, instead of --board." };

        public void AddTo(Command command)
        {
            command.Options.Add(Board);
            command.Options.Add(Boards);
            command.Options.Add(Wiring);
        }

        /// <summary>The wiring named by --board or --wiring; null when neither was given and <paramref name="required"/> is false.</summary>
        public BenchWiring? Load(ParseResult result, bool required)
        {
            var board = result.GetValue(Board);
            var file = result.GetValue(Wiring);
            if (board is not null && file is not null)
            {
                throw new UsageException("--board and --wiring: give one, not both");
            }

            if (board is not null)
            {
                return BoardBench.Load(result.GetValue(Boards)!, board);
            }

            if (file is not null)
            {
                return BoardBench.LoadFile(file);
            }

            return required ? throw new UsageException("which board? pass --board NAME or --wiring FILE") : null;
        }
    }

    /// <summary>The console options; they override the board file's <c>console:</c>.</summary>
    private sealed class ConsoleOptions
    {
        public Option<string?> Device { get; } = new("--console") { Description = "The console tty, such as /dev/ttyUSB0 (default: the board file's)." };

        public Option<int?> Baud { get; } = new("--baud") { Description = "The console speed (default: the board file's, else 115200)." };

        public void AddTo(Command command)
        {
            command.Options.Add(Device);
            command.Options.Add(Baud);
        }

        public ConsoleSettings Resolve(ParseResult result, BenchWiring? wiring)
        {
            var device = result.GetValue(Device) ?? wiring?.Console?.Device
                ?? throw new UsageException("which console? pass --console DEVICE or add bench.console to the board file");
            var baud = result.GetValue(Baud) ?? wiring?.Console?.Baud ?? ConsoleSettings.DefaultBaud;
            return BaudRates.IsSupported(baud)
                ? new ConsoleSettings(device, baud)
                : throw new UsageException($"--baud: {baud} is not a standard rate ({string.Join(", ", BaudRates.Supported)})");
        }
    }

    /// <summary>Opens a console log that grows as bytes arrive and survives a failure: that is when it is read.</summary>
    private static FileStream OpenLog(string path) =>
        new(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.Read });

    /// <summary>Opens the console, writing through to <paramref name="copies"/>; a log it could not feed is removed.</summary>
    private static SerialConsole OpenConsole(ConsoleSettings settings, TimeProvider clock, FileStream? log, params Stream[] copies)
    {
        try
        {
            return SerialConsole.Open(settings.Device, settings.Baud, clock, new SerialConsoleOptions { CopyTo = log is null ? copies : [log, .. copies] });
        }
        catch
        {
            if (log is not null)
            {
                log.Dispose();
                File.Delete(log.Name);
            }

            throw;
        }
    }
}
