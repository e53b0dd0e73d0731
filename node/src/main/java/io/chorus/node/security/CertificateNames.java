package io.chorus.node.security;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The member names a (CA-verified) certificate vouches for: its subject's common name and its DNS
 * subject alternative names. A peer's claimed name must be one of them.
 */
public final class CertificateNames {
    private static final int SAN_DNS = 2;

    private CertificateNames() {
    }

    /** Names of the leaf certificate of a verified chain; empty when there is none. */
    public static Set<String> of(Certificate[] chain) {
        Set<String> names = new TreeSet<>();
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) return names;
        try {
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) names.add(rdn.getValue().toString());
            }
        } catch (InvalidNameException e) {
            // a subject we cannot parse vouches for no name by its CN
        }
        try {
            Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    if (entry.size() == 2 && entry.get(0) instanceof Integer type && type == SAN_DNS) names.add(entry.get(1).toString());
                }
            }
        } catch (CertificateParsingException e) {
            // no usable alternative names
        }
        return names;
    }
}
