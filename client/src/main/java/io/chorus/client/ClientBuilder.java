package io.chorus.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link ChorusClient}. Every setting has a default except the seeds.
 * {@link #build()} connects.
 */
public final class ClientBuilder {
    private List<InetSocketAddress> seeds = List.of();
    private Duration requestTimeout = Duration.ofSeconds(5);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration reconnectBackoff = Duration.ofSeconds(1);
    private int ioThreads = 1;
    private int frameBytesMax = 2 << 20;
    private int inFlightPerConnectionMax = 1024;
    private int attemptsMax = RetryPolicy.DEFAULTS.attemptsMax();
    private Duration backoffFirst = Duration.ofMillis(RetryPolicy.DEFAULTS.backoffFirstMillis());
    private Duration backoffMax = Duration.ofMillis(RetryPolicy.DEFAULTS.backoffMaxMillis());
    private Duration attemptTimeout = Duration.ZERO;
    private double retryShareMax = 0.1;
    private int retriesBurstMax = 10;
    private int breakerFailuresToOpen = 5;
    private Duration breakerOpen = Duration.ofSeconds(1);
    private Duration hedgeDelayMin = Duration.ofMillis(1);
    private java.util.function.DoubleSupplier jitter = () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble();
    private String clusterName = "";
    private String user = "";
    private byte[] password = new byte[0];
    private java.nio.file.Path tlsCaFile;

    ClientBuilder() {
    }

    /** The cluster the nodes must belong to (their {@code cluster.name}); default: whichever the seeds belong to. */
    public ClientBuilder clusterName(String name) {
        this.clusterName = Objects.requireNonNull(name, "clusterName");
        return this;
    }

    /**
     * Logs in as {@code user} (nodes with {@code auth.usersFile} require it); a wrong password fails
     * with {@code Unauthorized}. The password travels in the greeting: use {@link #tls} with it.
     */
    public ClientBuilder credentials(String user, byte[] password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password").clone();
        return this;
    }

    /** Talks TLS to every node, trusting the CA in {@code caFile} (PEM); a node's certificate must name its address. Default plaintext. */
    public ClientBuilder tls(java.nio.file.Path caFile) {
        this.tlsCaFile = caFile;
        return this;
    }

    /** Nodes to ask for the cluster's description, tried in order. Required, not empty. */
    public ClientBuilder seeds(List<InetSocketAddress> seeds) {
        this.seeds = List.copyOf(seeds);
        return this;
    }

    /**
     * How long a request may take, end to end (every attempt, failover and backoff included),
     * before it fails with {@code Timeout}. Default 5 s. A call may set its own
     * ({@link ReadOptions}, {@link WriteOptions}).
     */
    public ClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = positive(timeout, "requestTimeout");
        return this;
    }

    /** How long opening a connection to a node may take. Default 2 s. A call may set a shorter one. */
    public ClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
        return this;
    }

    /**
     * How long one attempt of a request that may be sent again (a read, a CRDT update) waits
     * for an answer before the call tries another node: a node frozen or cut off mid-request
     * then costs this, not the whole request timeout. Default: half the call's request timeout.
     */
    public ClientBuilder attemptTimeout(Duration timeout) {
        this.attemptTimeout = positive(timeout, "attemptTimeout");
        return this;
    }

    /** How long a node that refused a connection is skipped while another node can be tried. Default 1 s. */
    public ClientBuilder reconnectBackoff(Duration backoff) {
        this.reconnectBackoff = Objects.requireNonNull(backoff, "reconnectBackoff");
        return this;
    }

    /** Event loop threads (daemon). Default 1, plenty for a client. */
    public ClientBuilder ioThreads(int threads) {
        if (threads < 1 || threads > 64) throw new IllegalArgumentException("ioThreads must be 1..64, was " + threads);
        this.ioThreads = threads;
        return this;
    }

    /** Largest frame sent or accepted, in bytes; match the nodes' {@code limits.frameBytesMax}. Default 2 MiB. */
    public ClientBuilder frameBytesMax(int bytes) {
        if (bytes < 1024) throw new IllegalArgumentException("frameBytesMax must be at least 1024, was " + bytes);
        this.frameBytesMax = bytes;
        return this;
    }

    /** Requests in flight on one connection before new ones fail with {@code Overloaded}. Default 1024. */
    public ClientBuilder inFlightPerConnectionMax(int requests) {
        if (requests < 1) throw new IllegalArgumentException("inFlightPerConnectionMax must be positive, was " + requests);
        this.inFlightPerConnectionMax = requests;
        return this;
    }

    /**
     * Sends of one request in all, the first included (1 = never retry), failovers to other
     * nodes included, skips past unreachable nodes not. Default 5, at most 1000.
     */
    public ClientBuilder attemptsMax(int attempts) {
        this.attemptsMax = attempts;
        return this;
    }

    /** The former name of {@link #attemptsMax}, which now bounds every request's sends. */
    public ClientBuilder crdtAttemptsMax(int attempts) {
        return attemptsMax(attempts);
    }

    /**
     * Backoff between rounds of attempts (a round: each candidate node tried once): before the
     * second round at most {@code first}, doubling per round up to {@code max}, each wait drawn
     * uniformly below that bound (full jitter). Default 50 ms and 1 s; {@code max} at most 10 minutes.
     */
    public ClientBuilder retryBackoff(Duration first, Duration max) {
        this.backoffFirst = Objects.requireNonNull(first, "first");
        this.backoffMax = Objects.requireNonNull(max, "max");
        return this;
    }

    /** The former name of {@link #retryBackoff}, which now applies to every request. */
    public ClientBuilder crdtRetryBackoff(Duration first, Duration max) {
        return retryBackoff(first, max);
    }

    /**
     * The client's retry budget: retries (and hedged reads) stop when they would be more than
     * {@code shareMax} of recent requests, after a burst of {@code burstMax} retries allowed at
     * once (a token bucket: each request earns {@code shareMax} of a retry, up to {@code burstMax}).
     * Default 10% and 10.
     */
    public ClientBuilder retryBudget(double shareMax, int burstMax) {
        new RetryBudget(shareMax, burstMax); // refuses bad values now, naming them
        this.retryShareMax = shareMax;
        this.retriesBurstMax = burstMax;
        return this;
    }

    /**
     * The circuit breaker of each node: {@code failuresToOpen} failures in a row open it (its
     * requests then go to other nodes first); after {@code open} one request probes it, and
     * closes it again if it succeeds. Default 5 failures and 1 s.
     */
    public ClientBuilder circuitBreaker(int failuresToOpen, Duration open) {
        new CircuitBreaker(failuresToOpen, Objects.requireNonNull(open, "open").toMillis()); // refuses bad values now
        this.breakerFailuresToOpen = failuresToOpen;
        this.breakerOpen = open;
        return this;
    }

    /** A hedged read asks its second replica no earlier than this, however fast the first usually is. Default 1 ms. */
    public ClientBuilder hedgeDelayMin(Duration delay) {
        this.hedgeDelayMin = positive(delay, "hedgeDelayMin");
        return this;
    }

    /** Tests: the source of jitter (backoffs, read spreading), uniform in [0, 1). */
    ClientBuilder jitter(java.util.function.DoubleSupplier source) {
        this.jitter = Objects.requireNonNull(source, "source");
        return this;
    }

    /**
     * Connects: asks the seeds in order to describe the cluster.
     *
     * @throws ChorusException {@code Unavailable} when no seed can be reached
     */
    public ChorusClient build() {
        if (seeds.isEmpty()) throw new IllegalArgumentException("at least one seed address is needed");
        RetryPolicy retries = RetryPolicy.of(attemptsMax, backoffFirst, backoffMax); // refuses bad settings before connecting
        ClientSettings settings = new ClientSettings(seeds, millis(requestTimeout), millis(connectTimeout),
                reconnectBackoff.toNanos(), ioThreads, frameBytesMax, inFlightPerConnectionMax,
                breakerFailuresToOpen, millis(breakerOpen), new ClientSecurity(clusterName, user, password, tlsCaFile));
        CallPolicy policy = new CallPolicy(retries, new RetryBudget(retryShareMax, retriesBurstMax),
                attemptTimeout.isZero() ? 0 : millis(attemptTimeout), millis(hedgeDelayMin), jitter, new CallPolicy.Counters());
        return new Connector(settings, policy).connect();
    }

    private static Duration positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
        return duration;
    }

    private static long millis(Duration duration) {
        return Math.max(1, duration.toMillis());
    }
}
