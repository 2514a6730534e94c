namespace Firmware.Fleet.Controller.Bundles;

/// <summary>A bundle the store cannot serve although it verified: its layout is not the canonical one devices assemble.</summary>
public sealed class BundleStoreException(string message) : Exception(message);
