package io.chorus.client;

import io.chorus.replication.message.Greeting;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How a client greets nodes: the cluster it expects, its user and password (sent in the greeting,
 * so use TLS whenever there is a password), and TLS trusting one CA (a node's certificate must
 * chain to it and name the address the client dialed).
 *
 * @param clusterName "" to accept whichever cluster the seeds belong to
 * @param user        "" for anonymous
 * @param caFile      null for plaintext
 */
record ClientSecurity(String clusterName, String user, byte[] password, Path caFile) {
    static final ClientSecurity NONE = new ClientSecurity("", "", new byte[0], null);

    ClientSecurity {
        password = password.clone();
    }

    Greeting.ClientHello hello() {
        return new Greeting.ClientHello(Greeting.PROTOCOL_VERSION, clusterName, user, password.clone());
    }

    /** Null for plaintext. */
    SslContext sslContext() {
        if (caFile == null) return null;
        try {
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2")
                    .trustManager(caFile.toFile()).endpointIdentificationAlgorithm("HTTPS").build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use " + caFile + " as the CA to trust: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() { // never the password
        return "ClientSecurity[cluster=" + clusterName + ", user=" + user + ", tls=" + (caFile != null) + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientSecurity s && s.clusterName.equals(clusterName) && s.user.equals(user)
                && Arrays.equals(s.password, password) && java.util.Objects.equals(s.caFile, caFile);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(clusterName, user, caFile);
    }
}
