package io.chorus.client.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionOptionsTest {
    @Test
    void takesOutTheSecurityOptionsAndLeavesTheCommand() {
        ConnectionOptions options = ConnectionOptions.extract(new String[] {"put", "k", "v", "--user", "alice", "--password-file=pw",
                "--consistency", "all", "--tls", "--cluster-name", "prod"});
        assertArrayEquals(new String[] {"put", "k", "v", "--consistency", "all"}, options.rest());
        assertTrue(options.tls());
        assertEquals("alice", options.user());
        assertEquals(Path.of("pw"), options.passwordFile());
        assertEquals("prod", options.clusterName());
    }

    @Test
    void aCaFileMeansTls() {
        ConnectionOptions options = ConnectionOptions.extract(new String[] {"get", "k", "--ca", "/x/ca.pem"});
        assertTrue(options.tls());
        assertEquals(Path.of("/x/ca.pem"), options.caFile());
    }

    @Test
    void aUserNeedsAPasswordFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectionOptions.extract(new String[] {"get", "k", "--user", "alice"}));
        assertEquals("--user and --password-file go together", e.getMessage());
    }
}
