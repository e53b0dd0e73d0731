package io.chorus.node.cli;

/** The one usage text of the {@code chorus} command, printed by {@code help} and after a usage error. */
final class Usage {
    /** What the user typed to run us: the launcher passes its path in this system property. */
    static final String PROGRAM_PROPERTY = "chorus.program";

    private Usage() {
    }

    static String program() {
        return System.getProperty(PROGRAM_PROPERTY, "chorus");
    }

    static String text() {
        String p = program();
        return """
                Usage: %1$s COMMAND [ARGS]

                Run a node:
                  %1$s node --config FILE [--set key=value]...
                      Run one node in the foreground until SIGTERM or Ctrl-C. --set overrides a key
                      of the config file (e.g. --set node.listen=127.0.0.1:7501).

                A local cluster (background processes; files under DIR, default .chorus/cluster):
                  %1$s cluster start [--nodes 3] [--dir DIR] [--base-port 7401] [--wait 30] [--tls] [--auth]
                      Start the nodes that are not running; wait up to --wait seconds until every
                      node answers. The first start fixes the cluster's shape (node count, ports);
                      run it again to bring back a node that died.
                  %1$s cluster status [--dir DIR]
                  %1$s cluster stop [--dir DIR]
                      A first start with --tls makes a throwaway CA and node certificates (DIR/tls):
                      every connection is TLS, peers authenticate mutually. With --auth clients must
                      log in as a user of DIR/users. Peers always prove DIR/cluster.secret;
                      contexts are sealed with DIR/context.secret.

                Users (DIR/users, or --file FILE; nodes reload it on change):
                  %1$s user add NAME --password-file F [--permissions read,write,admin] [--dir DIR]
                  %1$s user remove NAME [--dir DIR]
                  %1$s user list [--dir DIR]

                Data (default cluster: .chorus/cluster/cluster.addresses, else 127.0.0.1:7401-7403;
                every data command also takes --tls or --ca FILE, --user NAME --password-file F):
                  %1$s put KEY VALUE [--consistency L] [--context CTX] [--cluster host:port,...]
                  %1$s get KEY [--consistency L] [--cluster host:port,...]
                  %1$s delete KEY [--context CTX] [--consistency L] [--cluster host:port,...]
                  (put, get, delete: --session-in FILE / --session-out FILE carry a session token)
                  %1$s shell [--cluster host:port,...] [--session-in FILE] [--session-out FILE] [--timing]
                      An interactive shell: one connection, the commands above (and the CRDT ones
                      below) a line each, one session token carried across them; help, quit.
                      History in ~/.chorus_history (or $CHORUS_HISTORY). Piped input runs with no
                      prompt: echo 'get k' | %1$s shell

                CRDT values (same --consistency and --cluster; a key keeps the type of its first write):
                  %1$s counter KEY incr [N] | decr [N] | value
                  %1$s set KEY add X [Y...] | remove X [Y...] | members | contains X | clear
                  %1$s flag KEY enable | disable | value
                  %1$s register KEY set VALUE | get [--lww]
                  %1$s map KEY get | incr FIELD [N] | add FIELD X [Y...]

                Tools:
                  %1$s simulate ...      the deterministic simulator (%1$s simulate --help)
                  %1$s bench ...         the load driver (%1$s bench --help)
                  %1$s help              this text

                Environment: JAVA_HOME (else java on PATH; 17 or newer); CHORUS_JAVA_OPTS, extra JVM
                flags (e.g. -Xmx1g) for the command and the cluster nodes it starts.
                """.formatted(p);
    }
}
