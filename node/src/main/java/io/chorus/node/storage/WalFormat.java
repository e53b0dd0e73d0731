package io.chorus.node.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The bytes of the write-ahead log. A segment file starts with a {@value #HEADER_BYTES}-byte
 * header ({@link #MAGIC}, then the segment's number) and holds records back to back:
 *
 * <pre>
 *   int payloadBytes | int crc32c(payload) | payload = int keyBytes | key | encoded KeyState
 * </pre>
 *
 * Big-endian. The checksum covers the payload, so a record that a crash tore (its length written,
 * its payload not, or half of it) is told apart from a whole one. A payload length of 0 never
 * occurs in a whole record (the key length alone is 4 bytes), so zeros past the end read as
 * "no more records", not as a damaged one.
 */
final class WalFormat {
    /** "ChorusW1": a segment of this format, version 1. */
    static final long MAGIC = ByteBuffer.wrap("ChorusW1".getBytes(StandardCharsets.US_ASCII)).getLong();
    static final int HEADER_BYTES = 16;
    /** Length and checksum before each payload. */
    static final int RECORD_OVERHEAD_BYTES = 8;
    static final String SEGMENT_PREFIX = "wal-";
    static final String SEGMENT_SUFFIX = ".log";

    private WalFormat() {
    }

    static String segmentName(long number) {
        return SEGMENT_PREFIX + String.format("%020d", number) + SEGMENT_SUFFIX;
    }

    /** The number in a segment's file name, or -1 if the name is not one of ours. */
    static long segmentNumber(String fileName) {
        if (!fileName.startsWith(SEGMENT_PREFIX) || !fileName.endsWith(SEGMENT_SUFFIX)) return -1;
        String digits = fileName.substring(SEGMENT_PREFIX.length(), fileName.length() - SEGMENT_SUFFIX.length());
        if (digits.length() != 20 || !digits.chars().allMatch(Character::isDigit)) return -1;
        return Long.parseLong(digits);
    }

    static ByteBuffer header(long segmentNumber) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
        header.putLong(MAGIC).putLong(segmentNumber).flip();
        return header;
    }

    /** Bytes one record of this key and state takes in a segment. */
    static int recordBytes(int keyBytes, int stateBytes) {
        return RECORD_OVERHEAD_BYTES + 4 + keyBytes + stateBytes;
    }

    /** Writes one record at {@code out}'s position; {@code out} must have {@link #recordBytes} left. */
    static void putRecord(ByteBuffer out, byte[] key, byte[] state, int stateLength) {
        int payloadBytes = 4 + key.length + stateLength;
        int start = out.position();
        out.putInt(payloadBytes);
        out.putInt(0); // checksum, filled in below
        int payloadStart = out.position();
        out.putInt(key.length).put(key).put(state, 0, stateLength);
        CRC32C crc = new CRC32C();
        crc.update(out.duplicate().position(payloadStart).limit(payloadStart + payloadBytes));
        out.putInt(start + 4, (int) crc.getValue());
    }

    static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
