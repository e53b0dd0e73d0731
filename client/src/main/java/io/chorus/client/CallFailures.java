package io.chorus.client;

import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ErrorKind;

import java.util.List;

/**
 * The {@link ChorusException}s a {@link RequestCall} fails with, worded from what the call knows:
 * which node, after how many sends of which operation, which limit ran out, and, for a write whose
 * outcome is unknown, that it may have been applied. The one place a call's failure messages are
 * written (the tests and the CLI's users read them). Stateless.
 */
final class CallFailures {
    private CallFailures() {
    }

    /** What a failure of a write adds: it may have been applied. A read's adds nothing. */
    static String indeterminacy(Resend resend) {
        return resend == Resend.READ ? "" : "; the operation may have been applied";
    }

    /** The connection to {@code node} closed after the request was sent, before its answer. */
    static ChorusException closedConnection(NodeConnection node, NotDelivered lost, Resend resend) {
        return new ChorusException(ErrorKind.TIMEOUT, node.label() + " closed the connection ("
                + lost.getMessage() + ") before answering" + indeterminacy(resend));
    }

    /** {@code node} did not answer within the attempt timeout. */
    static ChorusException silent(NodeConnection node, long attemptTimeoutMillis, Resend resend) {
        return new ChorusException(ErrorKind.TIMEOUT, "no answer from " + node.label() + " within "
                + attemptTimeoutMillis + " ms (attemptTimeout)" + indeterminacy(resend));
    }

    /** The client failed in an unforeseen way while talking to {@code node}. */
    static ChorusException unexpected(NodeConnection node, Throwable cause, Resend resend) {
        return new ChorusException(ErrorKind.TIMEOUT, "unexpected client error talking to " + node.label() + ": " + cause
                + indeterminacy(resend), cause);
    }

    /** Every node of a round was unreachable: {@code unreachable} says why, one entry a node. */
    static ChorusException noNodeReachable(List<String> unreachable) {
        return new ChorusException(ErrorKind.UNAVAILABLE, "no node reachable, nothing was sent (" + String.join("; ", unreachable) + ")");
    }

    /**
     * The call's deadline passed.
     *
     * @param lastTried   the node sent to last; null when none was
     * @param lastFailure the last attempt's failure; null when none failed
     */
    static ChorusException deadline(NodeConnection lastTried, long requestTimeoutMillis, ChorusException lastFailure, Resend resend) {
        String who = lastTried == null ? "any node" : lastTried.label();
        String last = lastFailure == null ? "" : "; last failure: " + lastFailure.getMessage();
        return new ChorusException(ErrorKind.TIMEOUT, "no answer from " + who + " within " + requestTimeoutMillis
                + " ms (requestTimeout)" + last + indeterminacy(resend));
    }

    /**
     * The failure to report after the last attempt failed with {@code last}: that one after one send,
     * else with how many sends it took; {@code Timeout} when it says nothing was applied but an
     * earlier attempt may have been ({@code indeterminate}).
     */
    static ChorusException finalFailure(ClientRequest request, int sends, boolean indeterminate, ChorusException last) {
        if (sends <= 1) return last;
        long operationId = Resend.operationId(request);
        String which = operationId != 0 ? "attempt " + sends + " of operation " + operationId : "attempt " + sends;
        boolean claimsNothingApplied = last.kind() != ErrorKind.TIMEOUT;
        if (indeterminate && claimsNothingApplied) {
            return new ChorusException(ErrorKind.TIMEOUT, "gave up after " + sends + " attempts" + (operationId != 0 ? " of operation " + operationId : "")
                    + "; the last was refused (" + last.getMessage() + ") but an earlier one timed out, so the operation may have been applied", last);
        }
        return new ChorusException(last.kind(), last.detail() + " (" + which + ")", last);
    }

    /** {@code last} (a {@link #finalFailure}), not retried because the client's retry budget is spent. */
    static ChorusException notRetried(ChorusException last, RetryBudget budget) {
        return new ChorusException(last.kind(), last.detail() + "; not retried: " + budget.describe(), last);
    }
}
