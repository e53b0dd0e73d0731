/**
 * The command-line data commands ({@code put}, {@code get}, {@code delete}) and CRDT commands
 * ({@code counter}, {@code set}, {@code flag}, {@code register}, {@code map}) over the client
 * library, run by the {@code chorus} launcher's main class through
 * {@link io.chorus.client.cli.DataCommands#run} ({@link io.chorus.client.cli.DataCommands#COMMANDS}
 * lists every verb it takes). Output is plain lines meant for people and for scripts alike; the
 * exit code tells the outcome (documented in the usage text). A usage error is found before any
 * connection is opened.
 *
 * <p>{@link io.chorus.client.cli.Shell} runs the same commands a line each over one client and one
 * session (the token carried across them), from a line source its caller supplies (a terminal with
 * line editing in the launcher, or a plain stream).
 */
package io.chorus.client.cli;
