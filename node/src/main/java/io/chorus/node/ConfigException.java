package io.chorus.node;

/** A config file or override that cannot be used; the message names the key and what was expected. */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
