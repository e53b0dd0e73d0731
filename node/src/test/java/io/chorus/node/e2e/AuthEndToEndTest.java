package io.chorus.node.e2e;

import io.chorus.client.ChorusClient;
import io.chorus.client.ChorusException;
import io.chorus.node.security.PasswordHash;
import io.chorus.node.security.Permission;
import io.chorus.node.security.User;
import io.chorus.node.security.Users;
import io.chorus.node.support.CapturedStderr;
import io.chorus.node.support.Frames;
import io.chorus.node.support.LocalCluster;
import io.chorus.node.support.RawClient;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Greeting;
import io.chorus.replication.message.Put;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.chorus.node.e2e.PeerIdentityEndToEndTest.refusals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node with a users file: the right password logs in, a wrong one or none is Unauthorized (counted,
 * logged without the password), a permission the user lacks is Unauthorized per request, the file
 * is reloaded when it changes, and nothing sent before the login succeeds is decoded as a request.
 */
class AuthEndToEndTest {
    /** Few rounds: the test checks the logic, not the cost. */
    private static final int ITERATIONS = 1_000;
    private static final String SECRET_PASSWORD = "correct horse battery staple";
    @TempDir
    static Path dir;
    static Path usersFile;
    static LocalCluster cluster;
    static ChorusClient alice;

    @BeforeAll
    static void start() throws IOException {
        usersFile = dir.resolve("users");
        Users users = new Users(Map.of())
                .with(user("alice", Set.of(Permission.READ, Permission.WRITE), SECRET_PASSWORD))
                .with(user("reader", Set.of(Permission.READ), "reader-pw"));
        Files.writeString(usersFile, users.text());
        cluster = LocalCluster.start(1, dir, Map.of("auth.usersFile", usersFile.toString()));
        alice = login("alice", SECRET_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (alice != null) alice.close();
        if (cluster != null) cluster.close();
    }

    private static User user(String name, Set<Permission> permissions, String password) {
        return new User(name, permissions, PasswordHash.create(password.getBytes(StandardCharsets.UTF_8), new SecureRandom(), ITERATIONS));
    }

    private static ChorusClient login(String name, String password) {
        return ChorusClient.builder().seeds(cluster.addresses()).credentials(name, password.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void theRightPasswordReadsAndWrites() {
        alice.put("k", "v".getBytes(StandardCharsets.UTF_8), Consistency.ONE);
        assertEquals(1, alice.get("k", Consistency.ONE).values().size());
    }

    @Test
    void aWrongPasswordIsUnauthorizedCountedAndNotLogged() {
        long before = refusals(cluster.node(0), "authentication_failed");
        try (CapturedStderr log = new CapturedStderr()) {
            ChorusException e = assertThrows(ChorusException.class, () -> login("alice", "hunter2-wrong").close());
            assertEquals(ErrorKind.UNAUTHORIZED, e.kind());
            assertTrue(e.getMessage().contains("wrong user name or password (user 'alice')"), e.getMessage());
            assertEquals(1, log.linesWith("wrong user name or password").size(), "the refusal is logged");
            assertTrue(log.linesWith("hunter2").isEmpty(), "never the password");
        }
        assertEquals(before + 1, refusals(cluster.node(0), "authentication_failed"));
    }

    @Test
    void anUnknownUserAndAnonymousAreUnauthorized() {
        assertEquals(ErrorKind.UNAUTHORIZED, assertThrows(ChorusException.class, () -> login("mallory", "x").close()).kind());
        ChorusException anonymous = assertThrows(ChorusException.class, () -> ChorusClient.builder().seeds(cluster.addresses()).build().close());
        assertEquals(ErrorKind.UNAUTHORIZED, anonymous.kind());
    }

    @Test
    void aReaderCannotWrite() {
        long before = unauthorizedRequests();
        try (ChorusClient reader = login("reader", "reader-pw")) {
            reader.get("k", Consistency.ONE);
            ChorusException e = assertThrows(ChorusException.class, () -> reader.put("k", new byte[1], Consistency.ONE));
            assertEquals(ErrorKind.UNAUTHORIZED, e.kind());
            assertTrue(e.getMessage().contains("user 'reader' lacks the write permission"), e.getMessage());
        }
        assertEquals(before + 1, unauthorizedRequests());
    }

    @Test
    void aUserAddedToTheFileCanLogInWithoutARestart() throws IOException {
        Users users = Users.read(usersFile).with(user("bob", Set.of(Permission.ADMIN), "bob-pw"));
        Files.writeString(usersFile, users.text());
        try (ChorusClient bob = login("bob", "bob-pw")) {
            bob.put("bob", new byte[1], Consistency.ONE);
        }
    }

    @Test
    void aRequestSentBeforeTheLoginSucceedsIsNeverDecoded() throws IOException {
        long before = refusals(cluster.node(0), "bad_greeting");
        try (RawClient eager = RawClient.connectUngreeted(cluster.address(0), Duration.ofSeconds(10))) {
            byte[] hello = io.chorus.replication.message.GreetingCodec.encode(
                    new Greeting.ClientHello(Greeting.PROTOCOL_VERSION, "", "alice", SECRET_PASSWORD.getBytes(StandardCharsets.UTF_8)));
            java.io.ByteArrayOutputStream both = new java.io.ByteArrayOutputStream();
            new java.io.DataOutputStream(both).writeInt(hello.length);
            both.write(hello);
            both.write(Frames.frameBytes(new ClientFrame(1, new Put(Key.of("eager"), new byte[1], null, Consistency.ONE.code(), false))));
            eager.sendRaw(both.toByteArray()); // one write: the request arrives while the password is being checked
            Greeting.Refused refused = assertInstanceOf(Greeting.Refused.class, eager.readGreeting());
            assertTrue(refused.reason().contains("not a Chorus greeting"), refused.reason());
        }
        assertEquals(before + 1, refusals(cluster.node(0), "bad_greeting"));
        assertEquals(0, alice.get("eager", Consistency.ONE).values().size());
    }

    private static long unauthorizedRequests() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("chorus_requests_refused_total\\{[^}]*reason=\"unauthorized\"[^}]*} ([0-9.]+)")
                .matcher(cluster.node(0).metrics().scrape());
        assertTrue(m.find());
        return (long) Double.parseDouble(m.group(1));
    }
}
