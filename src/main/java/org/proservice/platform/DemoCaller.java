package org.proservice.platform;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * Runs demo seeding steps as a demo user, so that they go through the same services (access checks, scoring,
 * alerts, audit) as an API call by that user. Dev and test only; each step gets a request context of its own.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@ApplicationScoped
public class DemoCaller {

    @Inject
    CurrentIdentityAssociation identities;

    public <T> T as(String subject, String role, Supplier<T> step) {
        ManagedContext ctx = Arc.container().requestContext();
        InjectableContext.ContextState outer = ctx.isActive() ? ctx.getState() : null;
        if (outer != null) {
            ctx.deactivate();
        }
        ctx.activate();
        try {
            identities.setIdentity(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(subject)).addRole(role).build());
            return step.get();
        } finally {
            ctx.terminate();
            if (outer != null) {
                ctx.activate(outer);
            }
        }
    }
}
