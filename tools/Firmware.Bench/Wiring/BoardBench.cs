using Firmware.Yaml;

namespace Firmware.Bench.Wiring;

/// <summary>Finds and reads a board's bench wiring from <c>boards/&lt;name&gt;/board.yml</c>.</summary>
public static class BoardBench
{
    /// <summary>The board file's name inside a board's folder.</summary>
    public const string FileName = "board.yml";

    /// <summary>The path of a board's file under <paramref name="boardsDirectory"/>.</summary>
    /// <exception cref="ArgumentException">The name is not a plain folder name.</exception>
    public static string PathOf(string boardsDirectory, string board)
    {
        ArgumentException.ThrowIfNullOrEmpty(boardsDirectory);
        ArgumentException.ThrowIfNullOrEmpty(board);
        if (board is "." or ".." || board.AsSpan().IndexOfAny('/', '\0') >= 0)
        {
            throw new ArgumentException($"'{board}' is not a board name (a folder under {boardsDirectory})", nameof(board));
        }

        return Path.Combine(boardsDirectory, board, FileName);
    }

    /// <summary>Reads the wiring of board <paramref name="board"/> under <paramref name="boardsDirectory"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such board.</exception>
    /// <exception cref="YamlConfigException">Its bench section is missing or malformed.</exception>
    public static BenchWiring Load(string boardsDirectory, string board)
    {
        var path = PathOf(boardsDirectory, board);
        return File.Exists(path)
            ? LoadFile(path)
            : throw new FileNotFoundException($"no board '{board}': {path} does not exist", path);
    }

    /// <summary>Reads the bench section of the board file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="YamlConfigException">Its bench section is missing or malformed.</exception>
    public static BenchWiring LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist", path);
        }

        using var reader = new StreamReader(path);
        return BenchSectionParser.Parse(reader, path);
    }
}
