package io.chorus.node.storage;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one segment of the write-ahead log from its start, record by record, and stops at the
 * first record that is not whole: the end of the file in the middle of a record, a length out of
 * bounds, or a checksum that does not match. After a crash that is the normal end of the last
 * segment (a batch was being written when the process died: it was never fsynced, so none of its
 * writes was acknowledged as durable). Never throws on bad content; only an I/O error reading the
 * file throws.
 */
final class WalReader {
    /** What a record holds: the key's bytes and the encoded state (its own arrays). */
    interface RecordVisitor {
        void record(byte[] key, byte[] state);
    }

    /**
     * What reading one segment found.
     *
     * @param records      whole records handed to the visitor
     * @param goodBytes    bytes up to the end of the last whole record (header included)
     * @param fileBytes    the file's length
     * @param damage       null if the file ended cleanly after a whole record; else what was wrong
     *                     at offset {@code goodBytes} (everything from there on was not read)
     */
    record SegmentRead(long records, long goodBytes, long fileBytes, String damage) {
        long droppedBytes() {
            return fileBytes - goodBytes;
        }
    }

    private WalReader() {
    }

    /** Reads {@code file}; a payload longer than {@code payloadBytesMax} counts as damage. */
    static SegmentRead read(Path file, int payloadBytesMax, RecordVisitor visitor) throws IOException {
        long fileBytes = Files.size(file);
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            if (fileBytes < WalFormat.HEADER_BYTES) return new SegmentRead(0, 0, fileBytes, "the file is shorter than a segment header");
            long magic = in.readLong();
            in.readLong(); // the segment's number: the file name already says it
            if (magic != WalFormat.MAGIC) return new SegmentRead(0, 0, fileBytes, "the file does not start with a segment header");
            long offset = WalFormat.HEADER_BYTES;
            long records = 0;
            while (offset < fileBytes) {
                if (fileBytes - offset < WalFormat.RECORD_OVERHEAD_BYTES) {
                    return new SegmentRead(records, offset, fileBytes, "a record's length and checksum were cut off");
                }
                int payloadBytes = in.readInt();
                int crc = in.readInt();
                if (payloadBytes == 0 && crc == 0) return new SegmentRead(records, offset, fileBytes, "zeros where the next record should start");
                if (payloadBytes < 4 || payloadBytes > payloadBytesMax) {
                    return new SegmentRead(records, offset, fileBytes, "a record's length is " + payloadBytes + " bytes (limit " + payloadBytesMax + ")");
                }
                if (fileBytes - offset - WalFormat.RECORD_OVERHEAD_BYTES < payloadBytes) {
                    return new SegmentRead(records, offset, fileBytes, "a record of " + payloadBytes + " bytes was cut off");
                }
                byte[] payload = new byte[payloadBytes];
                try {
                    in.readFully(payload);
                } catch (EOFException e) {
                    return new SegmentRead(records, offset, fileBytes, "a record of " + payloadBytes + " bytes was cut off");
                }
                if (WalFormat.crc(payload, 0, payloadBytes) != crc) {
                    return new SegmentRead(records, offset, fileBytes, "a record's checksum does not match its bytes");
                }
                int keyBytes = ((payload[0] & 0xff) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
                if (keyBytes < 0 || keyBytes > payloadBytes - 4) {
                    return new SegmentRead(records, offset, fileBytes, "a record's key length " + keyBytes + " does not fit its " + payloadBytes + " bytes");
                }
                byte[] key = java.util.Arrays.copyOfRange(payload, 4, 4 + keyBytes);
                byte[] state = java.util.Arrays.copyOfRange(payload, 4 + keyBytes, payloadBytes);
                visitor.record(key, state);
                records++;
                offset += WalFormat.RECORD_OVERHEAD_BYTES + payloadBytes;
            }
            return new SegmentRead(records, offset, fileBytes, null);
        }
    }
}
