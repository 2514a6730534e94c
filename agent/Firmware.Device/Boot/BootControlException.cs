namespace Firmware.Device.Boot;

/// <summary>The bootloader's state could not be read or written: a missing, corrupt or unwritable
/// environment, or a configuration that names the wrong place.</summary>
public sealed class BootControlException : Exception
{
    /// <summary>Creates the exception with a message that names the file or device.</summary>
    public BootControlException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public BootControlException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with no message.</summary>
    public BootControlException() { }
}
