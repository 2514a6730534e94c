namespace Firmware.Fleet.Controller.Api;

/// <summary>The controller refused a control request, or could not be reached (<see cref="ErrorView.Kind"/> <c>unreachable</c>).</summary>
public sealed class ControlException(ErrorView error) : Exception(error?.Message)
{
    /// <summary>What the controller said.</summary>
    public ErrorView Error { get; } = error ?? throw new ArgumentNullException(nameof(error));
}
