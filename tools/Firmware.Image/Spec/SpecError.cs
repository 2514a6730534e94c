namespace Firmware.Image.Spec;

/// <summary>Why an image spec, a pkg.yml or an image's configuration label was rejected.</summary>
public enum SpecError
{
    /// <summary>The text is not valid YAML (or holds more than one document).</summary>
    Syntax = 1,
    /// <summary>A key is not part of the schema (a typo, usually).</summary>
    UnknownKey,
    /// <summary>A key appears twice in one mapping.</summary>
    DuplicateKey,
    /// <summary>A value has the wrong YAML type: a list where text belongs, text where a number belongs.</summary>
    WrongType,
    /// <summary>A required key is missing.</summary>
    MissingKey,
    /// <summary>A value is out of range or not in the allowed set.</summary>
    InvalidValue,
    /// <summary>Two containers, volumes or files share a name or path.</summary>
    DuplicateName,
    /// <summary>An image reference does not parse as <c>name[:tag][@sha256:digest]</c>.</summary>
    InvalidReference,
    /// <summary>A capability is not a Linux capability name (<c>CAP_*</c>), <c>all</c> or <c>none</c>.</summary>
    InvalidCapability,
    /// <summary>A path is not absolute, escapes its root, or is empty.</summary>
    InvalidPath,
    /// <summary>Keys that exclude each other are both present, or none of a required set is.</summary>
    ConflictingKeys,
    /// <summary>A file or device mode is not octal permission bits.</summary>
    InvalidMode,
    /// <summary>An rlimit is not <c>NAME,SOFT,HARD</c> with a known name and soft not above hard.</summary>
    InvalidRlimit,
    /// <summary>A mount, bind or tmpfs entry is malformed or has contradictory options.</summary>
    InvalidMount,
    /// <summary>A uid or gid names no container (LinuxKit allots one id per container name).</summary>
    UnknownId,
}
