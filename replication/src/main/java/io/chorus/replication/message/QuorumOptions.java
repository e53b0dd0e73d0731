package io.chorus.replication.message;

/**
 * One call's own quorum rules, beyond its consistency level (Riak's {@code pr}/{@code pw} and
 * sloppy quorum). A request without them ({@code null}) follows the defaults: a strict quorum,
 * counted over the key's primaries only, with no more primaries required than the level needs.
 *
 * @param primaries answers that must come from primaries (Riak's {@code pr} for a read, {@code pw}
 *                  for a write), 0 to N; 0: no more than the level asks. A call is refused with
 *                  Unavailable, naming the primaries that are down, when fewer are up.
 * @param sloppy    a write only: acknowledgements of fallbacks that took a hint for a down primary
 *                  count toward the level (sloppy quorum): available with primaries down, but a
 *                  later strict read may miss the write until the hint is handed over
 * @param local     a read only, at {@code ONE}: the coordinator answers from its own replica of the
 *                  key alone, asking no other node and repairing nothing (it must be a replica):
 *                  what this one node holds
 */
public record QuorumOptions(int primaries, boolean sloppy, boolean local) {
    /** The defaults: strict quorum, no extra primaries, any replica may answer. */
    public static final QuorumOptions STRICT = new QuorumOptions(0, false, false);

    /** A request's options, the defaults when it carries none. */
    public static QuorumOptions orStrict(QuorumOptions options) {
        return options == null ? STRICT : options;
    }
}
