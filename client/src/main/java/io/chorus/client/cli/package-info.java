/**
 * The command-line data commands ({@code put}, {@code get}, {@code delete}) over the client
 * library, run by the {@code chorus} launcher's main class through
 * {@link io.chorus.client.cli.DataCommands#run}. Output is plain lines meant for people and for
 * scripts alike; the exit code tells the outcome (documented in the usage text).
 */
package io.chorus.client.cli;
