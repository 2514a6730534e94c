namespace Firmware.Oci.Layouts;

/// <summary>Splits <c>PATH[:TAG]</c>, the location syntax of the layout and archive sources (as skopeo writes them).</summary>
internal static class LayoutLocation
{
    /// <summary>The path and the tag, if any; a colon inside the path (before its last slash) is part of the path.</summary>
    public static (string Path, string? Tag) Split(string location)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        var colon = location.LastIndexOf(':');
        return colon > 0 && colon > location.LastIndexOf('/') && colon < location.Length - 1
            ? (location[..colon], location[(colon + 1)..])
            : (location.TrimEnd(':'), null);
    }
}
