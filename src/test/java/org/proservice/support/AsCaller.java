package org.proservice.support;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * Runs code as a given caller inside a request context, for service-level tests of the access policy without
 * HTTP. The principal's name is the subject (as {@code sub} is for real tokens).
 */
@ApplicationScoped
public class AsCaller {

    @Inject
    CurrentIdentityAssociation identities;

    @ActivateRequestContext
    public <T> T call(String subject, Supplier<T> work, String... roles) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(() -> subject);
        for (String role : roles) {
            identity.addRole(role);
        }
        identities.setIdentity(identity.build());
        return work.get();
    }

    public void run(String subject, Runnable work, String... roles) {
        call(subject, () -> {
            work.run();
            return null;
        }, roles);
    }
}
