using Firmware.Yaml;

namespace Firmware.Boards;

/// <summary>The boards under a directory: <c>DIR/NAME/board.yml</c>, each next to its bootloader files.</summary>
public sealed class BoardCatalog
{
    /// <summary>The file each board directory holds.</summary>
    public const string FileName = "board.yml";

    /// <summary>Creates a catalog over <paramref name="directory"/> (the repository's boards/).</summary>
    public BoardCatalog(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
    }

    /// <summary>The directory holding one folder per board.</summary>
    public string Directory { get; }

    /// <summary>The names of the boards, sorted.</summary>
    public IReadOnlyList<string> Names =>
        System.IO.Directory.Exists(Directory)
            ? [.. System.IO.Directory.EnumerateDirectories(Directory).Where(d => File.Exists(Path.Combine(d, FileName))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The directory of board <paramref name="name"/>, where its bootloader files are.</summary>
    public string DirectoryOf(string name) => Path.Combine(Directory, name);

    /// <summary>Reads board <paramref name="name"/>.</summary>
    /// <exception cref="UnknownBoardException">No such board.</exception>
    /// <exception cref="YamlConfigException">Its board.yml is malformed, or names another board.</exception>
    public Board Load(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var path = Path.Combine(DirectoryOf(name), FileName);
        if (name.Contains('/', StringComparison.Ordinal) || name.StartsWith('.') || !File.Exists(path))
        {
            throw new UnknownBoardException(name, Names);
        }

        var board = BoardReader.Parse(File.ReadAllText(path), path);
        return board.Name == name
            ? board
            : throw new YamlConfigException(YamlError.InvalidValue, path, 0, "name", $"'{board.Name}' does not match its directory '{name}'");
    }
}
