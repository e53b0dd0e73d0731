package io.chorus.bench.store;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Names the kind of a failure for the error counts: unwraps async wrappers, then uses the class name. */
public final class ErrorKinds {
    /** The driver gave up waiting (the store never completed the call within the driver's deadline). */
    public static final String DRIVER_TIMEOUT = "DriverTimeout";

    private ErrorKinds() {
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    public static String of(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof TimeoutException) return DRIVER_TIMEOUT;
        return t.getClass().getSimpleName();
    }
}
