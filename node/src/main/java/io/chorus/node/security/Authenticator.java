package io.chorus.node.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Checks client passwords against the users file, on one thread of its own: a PBKDF2 check costs
 * tens to hundreds of milliseconds by design, which must not stall a network thread. At most
 * {@link #PENDING_MAX} checks wait; past that a login is refused as overloaded (someone is guessing
 * passwords faster than they can be checked). An unknown user costs a full check too, so that
 * timing does not tell which user names exist.
 */
public final class Authenticator implements AutoCloseable {
    /** Password checks waiting for the checking thread before new logins are refused. */
    public static final int PENDING_MAX = 64;
    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    private final ReloadingFiles<Users> users;
    private final PasswordHash decoy;
    private final ThreadPoolExecutor checker;

    /** What a login came to. */
    public enum Outcome { ACCEPTED, REFUSED, OVERLOADED }

    public record Result(Outcome outcome, Optional<User> user) {
    }

    public Authenticator(Path usersFile, String nodeName) {
        this.users = new ReloadingFiles<>("users file", List.of(usersFile), () -> Users.read(usersFile));
        byte[] salt = new byte[16];
        byte[] hash = new byte[32];
        new SecureRandom().nextBytes(salt); // a hash of no password: only its cost matters
        this.decoy = new PasswordHash(PasswordHash.ITERATIONS_DEFAULT, salt, hash);
        this.checker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(PENDING_MAX),
                runnable -> {
                    Thread thread = new Thread(runnable, "chorus-auth-" + nodeName);
                    thread.setDaemon(true);
                    return thread;
                });
        log.info("{}: clients must authenticate ({} users in {})", nodeName, users.get().all().size(), usersFile);
    }

    /** Completes on the checking thread; never exceptionally. */
    public CompletableFuture<Result> check(String userName, byte[] password) {
        try {
            return CompletableFuture.supplyAsync(() -> verify(userName, password), checker);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(new Result(Outcome.OVERLOADED, Optional.empty()));
        }
    }

    private Result verify(String userName, byte[] password) {
        try {
            Optional<User> user = users.get().user(userName);
            if (user.isEmpty()) {
                decoy.matches(password); // as slow as a real check
                return new Result(Outcome.REFUSED, Optional.empty());
            }
            return user.get().password().matches(password) ? new Result(Outcome.ACCEPTED, user) : new Result(Outcome.REFUSED, Optional.empty());
        } finally {
            java.util.Arrays.fill(password, (byte) 0);
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
