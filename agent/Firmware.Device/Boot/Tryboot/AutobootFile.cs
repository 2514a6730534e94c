using System.Text;

namespace Firmware.Device.Boot.Tryboot;

/// <summary>
/// The Raspberry Pi firmware's <c>autoboot.txt</c> (on the first FAT partition; see "autoboot.txt"
/// and "tryboot" in the Raspberry Pi config.txt documentation): <c>[section]</c> filter lines
/// followed by <c>key=value</c> lines. The firmware reads <c>boot_partition</c> from <c>[all]</c>
/// for a normal boot and from <c>[tryboot]</c> when the one-shot tryboot flag is set;
/// <c>tryboot_a_b=1</c> makes it read config.txt (not tryboot.txt) from the chosen partition.
/// Lines and sections this class does not change are kept as they were.
/// </summary>
public sealed class AutobootFile
{
    private readonly List<string> _lines;

    private AutobootFile(List<string> lines) => _lines = lines;

    /// <summary>Parses the file's text (any text parses: the firmware ignores what it does not know).</summary>
    public static AutobootFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return new AutobootFile(lines);
    }

    /// <summary>The value of <paramref name="key"/> in <paramref name="section"/> (the last one wins, as in config.txt), or null.</summary>
    public string? Get(string section, string key)
    {
        string? value = null;
        foreach (var (index, _) in Entries(section, key))
        {
            value = _lines[index][(_lines[index].IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();
        }

        return value;
    }

    /// <summary>Sets <paramref name="key"/> in <paramref name="section"/>: rewrites its lines, or adds one at the
    /// end of the section, or adds the section at the end of the file.</summary>
    public void Set(string section, string key, string value)
    {
        var entries = Entries(section, key).ToList();
        if (entries.Count > 0)
        {
            entries.ForEach(e => _lines[e.Index] = $"{key}={value}");
            return;
        }

        var header = _lines.FindLastIndex(l => l.Trim() == $"[{section}]");
        if (header < 0)
        {
            _lines.Add($"[{section}]");
            _lines.Add($"{key}={value}");
            return;
        }

        var end = header + 1;
        while (end < _lines.Count && !_lines[end].TrimStart().StartsWith('['))
        {
            end++;
        }

        _lines.Insert(end, $"{key}={value}");
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        _lines.ForEach(l => text.Append(l).Append('\n'));
        return text.ToString();
    }

    private IEnumerable<(int Index, string Line)> Entries(string section, string key)
    {
        // Lines before the first section header belong to [all], as in config.txt.
        var current = "all";
        for (var i = 0; i < _lines.Count; i++)
        {
            var line = _lines[i].Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = line[1..^1];
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (current == section && equals > 0 && line[..equals].Trim() == key)
            {
                yield return (i, line);
            }
        }
    }
}
