package org.jdrbd.daemon.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A backing store on a regular file, through a {@link FileChannel} (positional reads and writes
 * are safe from several IO threads at once). Flush is {@code force(false)}, the fdatasync
 * equivalent. Trim is emulated by writing zeroes: the JDK has no hole punching, and zeroes keep
 * two replicas of a trimmed range identical.
 */
public final class FileStore implements BackingStore {

    /** Zeroes are written from this buffer in pieces of at most its size. */
    private static final ByteBuffer ZEROES = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

    private final Path path;
    private final FileChannel channel;
    private final long sizeBytes;
    private final StoreCapabilities capabilities;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FileStore(Path path, FileChannel channel, long sizeBytes, boolean readOnly) {
        this.path = path;
        this.channel = channel;
        this.sizeBytes = sizeBytes;
        this.capabilities = readOnly ? StoreCapabilities.FULL.asReadOnly() : StoreCapabilities.FULL;
    }

    /**
     * Opens an existing regular file; its current length is the store size. Blocking.
     *
     * @throws IOException when the file cannot be opened (missing, no permission, ...)
     */
    public static FileStore openBlocking(Path path, boolean readOnly) throws IOException {
        FileChannel channel = readOnly
                ? FileChannel.open(path, StandardOpenOption.READ)
                : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            return new FileStore(path, channel, channel.size(), readOnly);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public StoreCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public IoOutcome readBlocking(long offset, ByteBuffer dst) {
        IoOutcome range = StoreRange.check(sizeBytes, offset, dst.remaining());
        if (!range.ok()) {
            return range;
        }
        try {
            long position = offset;
            while (dst.hasRemaining()) {
                int n = channel.read(dst, position);
                if (n < 0) {
                    return IoOutcome.failed(IoError.IO, path + " is shorter than its size "
                            + sizeBytes + " (EOF at " + position + ")");
                }
                position += n;
            }
            return IoOutcome.OK;
        } catch (IOException e) {
            return failure("read", e);
        }
    }

    @Override
    public IoOutcome writeBlocking(long offset, ByteBuffer src, boolean fua) {
        IoOutcome range = StoreRange.checkWrite(this, offset, src.remaining());
        if (!range.ok()) {
            return range;
        }
        try {
            writeFully(offset, src);
            return fua ? flushBlocking() : IoOutcome.OK;
        } catch (IOException e) {
            return failure("write", e);
        }
    }

    @Override
    public IoOutcome flushBlocking() {
        if (closed.get()) {
            return IoOutcome.failed(IoError.CLOSED, path + " is closed");
        }
        try {
            channel.force(false);
            return IoOutcome.OK;
        } catch (IOException e) {
            return failure("flush", e);
        }
    }

    @Override
    public IoOutcome trimBlocking(long offset, long length, boolean fua) {
        return zeroBlocking(offset, length, fua);
    }

    @Override
    public IoOutcome zeroBlocking(long offset, long length, boolean fua) {
        IoOutcome range = StoreRange.checkWrite(this, offset, length);
        if (!range.ok()) {
            return range;
        }
        try {
            long done = 0;
            while (done < length) {
                ByteBuffer piece = ZEROES.duplicate();
                piece.limit((int) Math.min(piece.capacity(), length - done));
                int pieceBytes = piece.remaining();
                writeFully(offset + done, piece);
                done += pieceBytes;
            }
            return fua ? flushBlocking() : IoOutcome.OK;
        } catch (IOException e) {
            return failure("zero", e);
        }
    }

    private void writeFully(long offset, ByteBuffer src) throws IOException {
        long position = offset;
        while (src.hasRemaining()) {
            position += channel.write(src, position);
        }
    }

    private IoOutcome failure(String what, IOException e) {
        if (e instanceof ClosedChannelException || closed.get()) {
            return IoOutcome.failed(IoError.CLOSED, path + " is closed");
        }
        String message = String.valueOf(e.getMessage());
        IoError kind = message.contains("No space left") ? IoError.NO_SPACE : IoError.IO;
        return IoOutcome.failed(kind, what + " on " + path + ": " + message);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing is lost: every acknowledged write was already handed to the kernel.
            }
        }
    }

    @Override
    public String toString() {
        return "FileStore[" + path + ", " + sizeBytes + " bytes]";
    }
}
