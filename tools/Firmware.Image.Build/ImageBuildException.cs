namespace Firmware.Image.Build;

/// <summary>An image build was refused or failed; <see cref="Error"/> says why and the message names what and where.</summary>
public sealed class ImageBuildException : Exception
{
    /// <summary>Creates the error.</summary>
    public ImageBuildException(ImageBuildError error, string message, Exception? innerException = null)
        : base(message, innerException) => Error = error;

    /// <summary>Creates an error with no details.</summary>
    public ImageBuildException() : this(ImageBuildError.InputInvalid, "image build failed") { }

    /// <summary>Creates an error with a message.</summary>
    public ImageBuildException(string message) : this(ImageBuildError.InputInvalid, message) { }

    /// <summary>Creates an error with a message and a cause.</summary>
    public ImageBuildException(string message, Exception innerException) : this(ImageBuildError.InputInvalid, message, innerException) { }

    /// <summary>What went wrong.</summary>
    public ImageBuildError Error { get; }
}
