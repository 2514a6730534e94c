namespace Firmware.Image.Spec;

/// <summary>The names containers, volumes and packages may have.</summary>
internal static class Names
{
    /// <summary>
    /// LinuxKit's rule for volume names (<c>^[a-z0-9_-]*$</c>, config.go), applied to container
    /// names too: they become directory names, cgroup names and containerd ids. Not empty, at most 63.
    /// </summary>
    public static bool IsName(string name) =>
        name.Length is > 0 and <= 63 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');
}
