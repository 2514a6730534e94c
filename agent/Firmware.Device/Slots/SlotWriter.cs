using System.Runtime.InteropServices;
using Firmware.Install;
using Firmware.Native;
using Microsoft.Win32.SafeHandles;

namespace Firmware.Device.Slots;

/// <summary>
/// The inactive slot opened for writing one payload: write-only (O_WRONLY; O_EXCL for a block
/// device, so the kernel refuses the open while the partition is mounted or claimed, and refuses
/// mounts while we hold it), its capacity checked against the payload before anything is written
/// (BLKGETSIZE64 for a device; the configured size or the file's length for a file), synced with
/// fdatasync, and readable back through a separate read-only handle. Created only by
/// <see cref="ActiveSlot.OpenInactive"/>.
/// </summary>
public sealed class SlotWriter : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly string _path;
    private long _written;

    private SlotWriter(SlotName slot, string path, SafeFileHandle handle, long capacity, long payloadSize)
    {
        Slot = slot;
        _path = path;
        _handle = handle;
        Capacity = capacity;
        PayloadSize = payloadSize;
        Stream = new FileStream(handle, FileAccess.Write, bufferSize: 0);
    }

    /// <summary>The slot being written (always the inactive one).</summary>
    public SlotName Slot { get; }

    /// <summary>The slot's capacity in bytes.</summary>
    public long Capacity { get; }

    /// <summary>The payload size this writer was opened for.</summary>
    public long PayloadSize { get; }

    /// <summary>A seekable, write-only stream over the slot, for writers that place chunks at offsets
    /// (<see cref="PayloadInstaller"/>); call <see cref="Flush"/> when done.</summary>
    public Stream Stream { get; }

    internal static SlotWriter Open(SlotName slot, SlotDevice device, long payloadSize, BlockDeviceNames names, SystemRoots roots)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadSize);
        var path = roots.MapDevice(device.Path);
        var isBlockDevice = names.IsBlockDevice(names.KernelName(device.Path));
        var fd = Libc.Open(path, Libc.OWrOnly | Libc.OCloexec | (isBlockDevice ? Libc.OExcl : 0), 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(errno == Libc.EBUSY
                ? $"slot {slot.Letter()} ({device.Path}) is busy: mounted or held by another program"
                : $"cannot open slot {slot.Letter()} ({device.Path}) for writing: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var capacity = isBlockDevice ? DeviceSize(handle, device.Path) : device.Size ?? new FileInfo(path).Length;
            if (payloadSize > capacity)
            {
                throw new SlotTooSmallException(payloadSize, capacity);
            }

            return new SlotWriter(slot, path, handle, capacity, payloadSize);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Streams the whole payload from <paramref name="source"/> to the start of the slot and syncs it.</summary>
    /// <exception cref="IOException">The source holds more or fewer bytes than the payload size.</exception>
    public async Task WriteAsync(Stream source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var buffer = new byte[1 << 20];
        _written = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (_written + read > PayloadSize)
            {
                throw new IOException($"slot {Slot.Letter()}: the payload is longer than the {PayloadSize} bytes declared");
            }

            await RandomAccess.WriteAsync(_handle, buffer.AsMemory(0, read), _written, cancellationToken);
            _written += read;
        }

        if (_written != PayloadSize)
        {
            throw new IOException($"slot {Slot.Letter()}: the payload ended after {_written} of {PayloadSize} bytes");
        }

        Flush();
    }

    /// <summary>Waits until everything written is on the medium (fdatasync).</summary>
    public void Flush()
    {
        Stream.Flush();
        if (Libc.FdataSync(_handle) != 0)
        {
            throw new IOException($"slot {Slot.Letter()}: fdatasync failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    /// <summary>Opens the slot read-only to verify what landed (e.g. <see cref="PayloadInstaller.VerifyReadBackAsync"/>).</summary>
    public Stream OpenReadBack() => new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1 << 16);

    /// <inheritdoc/>
    public void Dispose()
    {
        Stream.Dispose();
        _handle.Dispose();
    }

    private static long DeviceSize(SafeFileHandle handle, string path) =>
        Libc.IoctlGetSize(handle, Libc.BlkGetSize64, out var size) == 0
            ? (long)size
            : throw new IOException($"{path}: cannot read the device size (BLKGETSIZE64): {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
}
