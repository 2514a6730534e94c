namespace Firmware.Image.Spec;

/// <summary>Checks for paths inside a container or image: absolute, and never climbing out with <c>..</c>.</summary>
internal static class Paths
{
    /// <summary>Whether <paramref name="path"/> starts at / and has no <c>..</c> or NUL.</summary>
    public static bool IsAbsoluteAndClean(string path) =>
        path.StartsWith('/') && !path.Contains('\0', StringComparison.Ordinal) && !path.Split('/').Contains("..");

    /// <summary>What is wrong with a path that failed <see cref="IsAbsoluteAndClean"/>.</summary>
    public static string Problem(string path) =>
        path.Length == 0 ? "the path is empty"
        : !path.StartsWith('/') ? $"'{path}' is not an absolute path"
        : path.Contains('\0', StringComparison.Ordinal) ? "the path holds a NUL byte"
        : $"'{path}' climbs out with '..'";
}
