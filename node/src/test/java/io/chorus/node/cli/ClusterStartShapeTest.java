package io.chorus.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The first start fixes the cluster's shape; later starts take it from the directory. */
class ClusterStartShapeTest {
    private static final ClusterDir DIR = new ClusterDir(Path.of("/c"));
    private static final Optional<ClusterShape> THREE_NODES = Optional.of(ClusterShape.local(3, 7401));

    @Test
    void aFirstStartTakesTheFlagsOrTheDefaults() {
        assertEquals(ClusterShape.local(3, 7401), ClusterStart.shape(Optional.empty(), Optional.empty(), Optional.empty(), DIR));
        assertEquals(ClusterShape.local(5, 9000), ClusterStart.shape(Optional.empty(), Optional.of(5), Optional.of(9000), DIR));
    }

    @Test
    void aLaterStartKeepsTheRecordedShapeWhateverTheDefaults() {
        Optional<ClusterShape> recorded = Optional.of(ClusterShape.local(5, 9000));
        assertEquals(recorded.get(), ClusterStart.shape(recorded, Optional.empty(), Optional.empty(), DIR));
        assertEquals(recorded.get(), ClusterStart.shape(recorded, Optional.of(5), Optional.of(9000), DIR));
    }

    @Test
    void aLaterStartWithAnotherNodeCountIsRefused() {
        CliException e = assertThrows(CliException.class, () -> ClusterStart.shape(THREE_NODES, Optional.of(4), Optional.empty(), DIR));
        assertTrue(e.getMessage().startsWith("the cluster in /c has 3 nodes, fixed by its first start; --nodes 4 would change that."),
                e.getMessage());
    }

    @Test
    void aLaterStartWithAnotherBasePortIsRefused() {
        CliException e = assertThrows(CliException.class, () -> ClusterStart.shape(THREE_NODES, Optional.empty(), Optional.of(8000), DIR));
        assertTrue(e.getMessage().startsWith("the cluster in /c listens from port 7401, fixed by its first start; --base-port 8000"),
                e.getMessage());
    }
}
