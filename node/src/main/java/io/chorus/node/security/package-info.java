/**
 * Who may talk to a node: the cluster secret peers prove with, the TLS certificates (reloaded when
 * their files change), and the users clients log in as (salted PBKDF2 hashes at rest, reloaded
 * when the users file changes). Mechanism for the network layer (node/net), which runs the
 * greeting; nothing here decides anything about data.
 *
 * <p>Invariants: no secret or password is ever logged or sent in the clear by this package; every
 * comparison of a proof or hash is constant-time; a file that fails to reload leaves the previous
 * version in force (and says why in the log).
 */
package io.chorus.node.security;
