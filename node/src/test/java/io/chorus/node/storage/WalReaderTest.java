package io.chorus.node.storage;

import io.chorus.replication.state.Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WalReaderTest {
    private static final int PAYLOAD_MAX = 1 << 20;

    @TempDir
    Path dir;

    /** Writes a segment of {@code count} records (key-i, state-i of growing length) and returns its path and record ends. */
    private Path segment(int count, List<Long> recordEnds) throws IOException {
        WriteAheadLog wal = WriteAheadLog.open(dir);
        wal.roll();
        long end = WalFormat.HEADER_BYTES;
        for (int i = 0; i < count; i++) {
            WalBatch batch = new WalBatch();
            byte[] state = ("state-" + "x".repeat(i)).getBytes(StandardCharsets.UTF_8);
            batch.add(Key.of("key-" + i), state);
            wal.append(batch.contents());
            end += batch.bytes();
            recordEnds.add(end);
        }
        wal.sync();
        wal.close();
        return wal.olderSegments().isEmpty() ? onlySegment() : wal.olderSegments().get(0);
    }

    private Path onlySegment() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> WalFormat.segmentNumber(p.getFileName().toString()) >= 0).findFirst().orElseThrow();
        }
    }

    private static List<String> readAll(Path file, WalReader.SegmentRead[] result) throws IOException {
        List<String> seen = new ArrayList<>();
        result[0] = WalReader.read(file, PAYLOAD_MAX, (key, state) ->
                seen.add(new String(key, StandardCharsets.UTF_8) + "=" + new String(state, StandardCharsets.UTF_8)));
        return seen;
    }

    @Test
    void wholeSegmentReadsBackEveryRecordInOrder() throws IOException {
        Path file = segment(20, new ArrayList<>());
        WalReader.SegmentRead[] read = new WalReader.SegmentRead[1];
        List<String> seen = readAll(file, read);
        assertEquals(20, seen.size());
        assertEquals("key-0=state-", seen.get(0));
        assertEquals("key-19=state-" + "x".repeat(19), seen.get(19));
        assertNull(read[0].damage());
        assertEquals(Files.size(file), read[0].goodBytes());
    }

    @Test
    void aCutAtEveryByteKeepsTheWholeRecordsBeforeItAndDropsTheRest() throws IOException {
        List<Long> ends = new ArrayList<>();
        Path file = segment(6, ends);
        byte[] full = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.bin");
        for (int length = WalFormat.HEADER_BYTES; length <= full.length; length++) {
            Files.write(cut, java.util.Arrays.copyOf(full, length));
            long cutAt = length;
            WalReader.SegmentRead[] read = new WalReader.SegmentRead[1];
            List<String> seen = readAll(cut, read);
            long whole = ends.stream().filter(end -> end <= cutAt).count();
            assertEquals(whole, seen.size(), "records before a cut at byte " + length);
            long goodBytes = whole == 0 ? WalFormat.HEADER_BYTES : ends.get((int) whole - 1);
            assertEquals(goodBytes, read[0].goodBytes(), "good bytes for a cut at " + length);
            if (goodBytes == length) assertNull(read[0].damage(), "a cut on a record boundary is a clean end");
            else assertNotNull(read[0].damage(), "a cut inside a record is reported, at byte " + length);
        }
    }

    @Test
    void aFlippedByteStopsTheReadAtThatRecord() throws IOException {
        List<Long> ends = new ArrayList<>();
        Path file = segment(5, ends);
        byte[] bytes = Files.readAllBytes(file);
        int inThirdRecord = (int) (ends.get(1) + 12); // inside the payload of record 2 (0-based)
        bytes[inThirdRecord] ^= 0x40;
        Files.write(file, bytes);
        WalReader.SegmentRead[] read = new WalReader.SegmentRead[1];
        List<String> seen = readAll(file, read);
        assertEquals(2, seen.size());
        assertTrue(read[0].damage().contains("checksum"), read[0].damage());
        assertEquals(ends.get(1), read[0].goodBytes());
    }

    @Test
    void zerosAfterTheLastRecordAndALengthPastTheLimitAreReported() throws IOException {
        Path file = segment(2, new ArrayList<>());
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.allocate(4096));
        }
        WalReader.SegmentRead[] read = new WalReader.SegmentRead[1];
        assertEquals(2, readAll(file, read).size());
        assertTrue(read[0].damage().contains("zeros"), read[0].damage());
        assertEquals(4096, read[0].droppedBytes());

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.write(ByteBuffer.allocate(8).putInt(PAYLOAD_MAX + 1).putInt(7).flip(), size);
            channel.write(ByteBuffer.allocate(64), size + 8);
        }
        assertEquals(2, readAll(file, read).size());
        assertTrue(read[0].damage().contains("length"), read[0].damage());
    }

    @Test
    void aFileThatIsNotASegmentReadsNothing() throws IOException {
        Path file = dir.resolve(WalFormat.segmentName(9));
        Files.write(file, "this is not a write-ahead log segment at all".getBytes(StandardCharsets.UTF_8));
        WalReader.SegmentRead[] read = new WalReader.SegmentRead[1];
        assertEquals(0, readAll(file, read).size());
        assertTrue(read[0].damage().contains("header"), read[0].damage());
    }

    @Test
    void segmentNamesRoundTripAndForeignNamesAreIgnored() {
        assertEquals(42, WalFormat.segmentNumber(WalFormat.segmentName(42)));
        assertEquals(-1, WalFormat.segmentNumber("wal-12.log"));
        assertEquals(-1, WalFormat.segmentNumber("notes.txt"));
    }
}
