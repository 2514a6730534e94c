namespace Firmware.Bench.Cycle;

/// <summary>The kinds of step a bench cycle is made of, in the order a cycle runs them.</summary>
public enum BenchStepKind
{
    /// <summary>Switch the supply off.</summary>
    PowerOff,
    /// <summary>Wait for the rails to discharge.</summary>
    Settle,
    /// <summary>Write the image to the target.</summary>
    Flash,
    /// <summary>Assert the boot-mode strap, so the board samples it at power-on.</summary>
    AssertBootMode,
    /// <summary>Switch the supply on.</summary>
    PowerOn,
    /// <summary>Wait for the marker on the console.</summary>
    WaitForMarker,
    /// <summary>Release the boot-mode strap.</summary>
    ReleaseBootMode,
}
