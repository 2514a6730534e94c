namespace Firmware.Device.Slots;

/// <summary>
/// A slot of a device composed from agent.yml, written only through
/// <see cref="ActiveSlot.OpenInactive"/>: the running slot is refused for writing whatever the
/// caller asks, and a block device is opened <c>O_EXCL</c> (so the kernel refuses it while it is
/// mounted) and synced with fdatasync (<see cref="SlotWriter"/>).
/// </summary>
/// <param name="active">The booted slot, as the detector established it.</param>
/// <param name="slot">Which slot this is.</param>
/// <param name="path">The slot's device node or file, as this process sees it.</param>
/// <param name="capacity">The slot's size in bytes.</param>
/// <param name="target">Which of the slot's targets this is: its root (the default) or its boot partition.</param>
public sealed class DetectedSlot(ActiveSlot active, SlotName slot, string path, long capacity, SlotTarget target = SlotTarget.Rootfs) : ISlotDevice
{
    /// <inheritdoc/>
    public SlotName Slot => slot;

    /// <inheritdoc/>
    public long Capacity => capacity;

    /// <inheritdoc/>
    /// <exception cref="IOException">This is the running slot, or it cannot be opened (busy, missing, not permitted).</exception>
    public Stream OpenWrite() => slot == active.Inactive
        ? new SlotWriterStream(active.OpenInactive(capacity, target))
        : throw new IOException($"{this} belongs to the running slot: it is never opened for writing");

    /// <inheritdoc/>
    public Stream OpenRead() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);

    /// <inheritdoc/>
    public override string ToString() => target == SlotTarget.Rootfs ? $"slot {slot.Letter()} ({path})" : $"slot {slot.Letter()}'s boot partition ({path})";

    /// <summary>The writer as the stream the engine writes: Flush is the writer's fdatasync, Dispose closes it.</summary>
    private sealed class SlotWriterStream(SlotWriter writer) : Stream
    {
        private readonly Stream _inner = writer.Stream;

        public override bool CanRead => false;

        public override bool CanSeek => true;

        public override bool CanWrite => true;

        public override long Length => _inner.Length;

        public override long Position
        {
            get => _inner.Position;
            set => _inner.Position = value;
        }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => _inner.Write(buffer);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                writer.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
