package io.chorus.node.security;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import java.nio.file.Path;
import java.util.List;

/**
 * A node's TLS contexts, built from its PEM files (certificate chain, unencrypted PKCS#8 key,
 * cluster CA) with the JDK's provider, and rebuilt when any file changes: a renewed certificate
 * serves every connection opened after it was written, and open connections keep theirs.
 *
 * <p>The server side asks for a client certificate but does not demand one at the TLS layer, since
 * clients and peers share the port: a certificate that is presented must chain to the cluster CA
 * (else the handshake fails), and the greeting refuses a peer that presented none.
 */
public final class TlsFiles {
    /** TLS 1.3 and 1.2 only: older versions have known weaknesses and every supported JDK has these. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final ReloadingFiles<Contexts> contexts;

    private record Contexts(SslContext server, SslContext client) {
    }

    public TlsFiles(Path certFile, Path keyFile, Path caFile) {
        this.contexts = new ReloadingFiles<>("TLS certificate, key and CA", List.of(certFile, keyFile, caFile),
                () -> build(certFile, keyFile, caFile));
    }

    private static Contexts build(Path certFile, Path keyFile, Path caFile) {
        try {
            SslContext server = SslContextBuilder.forServer(certFile.toFile(), keyFile.toFile())
                    .sslProvider(SslProvider.JDK).protocols(PROTOCOLS)
                    .trustManager(caFile.toFile()).clientAuth(ClientAuth.OPTIONAL).build();
            SslContext client = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK).protocols(PROTOCOLS)
                    .keyManager(certFile.toFile(), keyFile.toFile()).trustManager(caFile.toFile())
                    .endpointIdentificationAlgorithm(null) // a peer is checked by the member name in its certificate, not by address
                    .build();
            return new Contexts(server, client);
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load TLS files (tls.certFile " + certFile + ", tls.keyFile " + keyFile
                    + ", tls.caFile " + caFile + "): " + e.getMessage(), e);
        }
    }

    /** For accepted connections (clients and peers), as the files are now. */
    public SslContext server() {
        return contexts.get().server();
    }

    /** For this node's outgoing peer links: presents this node's certificate, trusts only the cluster CA. */
    public SslContext client() {
        return contexts.get().client();
    }
}
