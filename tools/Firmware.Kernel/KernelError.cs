namespace Firmware.Kernel;

/// <summary>Why a kernel source, a module set or an initramfs build was rejected.</summary>
public enum KernelError
{
    /// <summary>The <c>ar</c> archive (a .deb) is malformed: bad magic, header, size or truncation.</summary>
    MalformedArchive,
    /// <summary>The .deb lacks a member it must hold (<c>debian-binary</c>, <c>data.tar.*</c>) or uses an unknown compression.</summary>
    MalformedPackage,
    /// <summary>No kernel image was found (<c>/boot/vmlinuz-VERSION</c>, or the LinuxKit <c>kernel</c> file).</summary>
    KernelImageMissing,
    /// <summary>The kernel version cannot be determined, or two disagree.</summary>
    VersionAmbiguous,
    /// <summary>A module file is not an ELF64 object with a readable <c>.modinfo</c> section.</summary>
    MalformedModule,
    /// <summary>A <c>modules.dep</c> or <c>modules.builtin</c> line cannot be parsed.</summary>
    MalformedModuleIndex,
    /// <summary>A requested module, or one it depends on, is neither a module file nor built in.</summary>
    ModuleMissing,
    /// <summary>The kernel can mount no squashfs root: no <c>squashfs.ko</c> and not built in.</summary>
    RootFilesystemModuleMissing,
    /// <summary>An entry cannot be written as cpio newc (name too long, size above 4 GiB, bad path).</summary>
    NotRepresentable,
    /// <summary>A required external tool is not installed; the message names its Debian package.</summary>
    ToolMissing,
    /// <summary>An external tool ran and failed.</summary>
    ToolFailed,
}
