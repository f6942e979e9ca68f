package org.proservice.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request: the token's {@code sub} and the known roles of its {@code groups} claim.
 * The subject is always {@code sub}, never {@code upn} or {@code preferred_username}: identity providers let users
 * change those.
 */
@RequestScoped
public class CurrentCaller {

    private static final List<String> KNOWN_ROLES = List.of(Roles.ADMIN, Roles.CLINICIAN, Roles.PATIENT);

    @Inject
    SecurityIdentity identity;

    public boolean isAuthenticated() {
        return !identity.isAnonymous();
    }

    /** The token's {@code sub}; {@code "anonymous"} when there is no authenticated caller. */
    public String subject() {
        if (identity.isAnonymous()) {
            return "anonymous";
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    /** The caller's roles among {@code patient}, {@code clinician}, {@code admin}, sorted. */
    public Set<String> roles() {
        TreeSet<String> roles = new TreeSet<>(identity.getRoles());
        roles.retainAll(KNOWN_ROLES);
        return roles;
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public boolean isPatient() {
        return hasRole(Roles.PATIENT);
    }

    public boolean isClinician() {
        return hasRole(Roles.CLINICIAN);
    }

    public boolean isAdmin() {
        return hasRole(Roles.ADMIN);
    }

    /** The roles as written to the audit trail, e.g. {@code clinician} or {@code admin,clinician}. */
    public String auditRole() {
        Set<String> roles = roles();
        return roles.isEmpty() ? null : String.join(",", roles);
    }
}
