namespace Firmware.Image.Spec;

/// <summary>What a <c>files:</c> entry makes: exactly one per entry.</summary>
public enum FileKind
{
    /// <summary>A file holding the literal <c>contents</c>.</summary>
    Contents,
    /// <summary>A file copied from <c>source</c> on the build host.</summary>
    Source,
    /// <summary>A directory (<c>directory: true</c>).</summary>
    Directory,
    /// <summary>A symbolic link to <c>symlink</c>.</summary>
    Symlink,
    /// <summary>The spec itself, as <c>yaml</c> or <c>json</c> (<c>metadata</c>).</summary>
    Metadata,
}
