namespace Firmware.Image.Build.Qemu;

/// <summary>
/// The UEFI firmware QEMU boots an image with, found where Debian installs it: OVMF for x86-64
/// (package ovmf: the 4 MiB build first, then the 2 MiB one) and AAVMF for arm64 (package
/// qemu-efi-aarch64). Code is mapped read-only; the variable store is the template each boot copies.
/// </summary>
/// <param name="Code">The firmware code volume.</param>
/// <param name="VarsTemplate">The empty variable store to copy.</param>
public sealed record UefiFirmware(string Code, string VarsTemplate)
{
    private static readonly Dictionary<string, (string Package, (string Code, string Vars)[] Candidates)> Known = new(StringComparer.Ordinal)
    {
        ["amd64"] = ("ovmf",
        [
            ("usr/share/OVMF/OVMF_CODE_4M.fd", "usr/share/OVMF/OVMF_VARS_4M.fd"),
            ("usr/share/OVMF/OVMF_CODE.fd", "usr/share/OVMF/OVMF_VARS.fd"),
        ]),
        ["arm64"] = ("qemu-efi-aarch64", [("usr/share/AAVMF/AAVMF_CODE.fd", "usr/share/AAVMF/AAVMF_VARS.fd")]),
    };

    /// <summary>Finds the firmware for <paramref name="architecture"/> under <paramref name="root"/> (/ on a host; tests pass a directory).</summary>
    /// <exception cref="ImageBuildException">None is installed; the message names the package.</exception>
    public static UefiFirmware Find(string architecture, string root = "/")
    {
        if (!Known.TryGetValue(architecture, out var known))
        {
            throw new ArgumentException($"no UEFI firmware is known for architecture '{architecture}'; use amd64 or arm64", nameof(architecture));
        }

        foreach (var (code, vars) in known.Candidates)
        {
            var (codePath, varsPath) = (Path.Combine(root, code), Path.Combine(root, vars));
            if (File.Exists(codePath) && File.Exists(varsPath))
            {
                return new UefiFirmware(codePath, varsPath);
            }
        }

        throw new ImageBuildException(ImageBuildError.ToolFailed,
            $"no UEFI firmware for {architecture}: none of {string.Join(", ", known.Candidates.Select(c => "/" + c.Code))} exists; install the Debian package {known.Package} (apt-get install {known.Package})");
    }
}
