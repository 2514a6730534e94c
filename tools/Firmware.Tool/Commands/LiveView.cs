namespace Firmware.Tool.Commands;

/// <summary>
/// Repaints a block of lines: on a terminal the screen is cleared and redrawn each time; when
/// standard output is a file or a pipe, only lines that changed since the last frame are printed,
/// so a log stays readable.
/// </summary>
internal sealed class LiveView
{
    private readonly bool _terminal = !Console.IsOutputRedirected;
    private HashSet<string> _previous = new(StringComparer.Ordinal);

    /// <summary>True when standard output is a terminal: the view is redrawn in place, so a long table fits.</summary>
    public bool IsTerminal => _terminal;

    public void Show(IReadOnlyList<string> lines)
    {
        if (_terminal)
        {
            // ANSI: home the cursor and clear the screen, then draw.
            Console.Write("\u001b[H\u001b[2J");
            Console.Write(string.Join('\n', lines) + "\n");
            return;
        }

        foreach (var line in lines.Where(l => !_previous.Contains(l)))
        {
            Console.WriteLine(line);
        }

        _previous = new HashSet<string>(lines, StringComparer.Ordinal);
    }
}
