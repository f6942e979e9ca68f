package org.proservice.platform;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seeds the demo study at dev startup, after the migrations ({@link DatabaseMigrator} runs first). Built into the
 * dev profile only; switch off with {@code pro.demo.seed=false}.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DemoSeed {

    @Inject
    DemoData demo;

    @ConfigProperty(name = "pro.demo.seed", defaultValue = "true")
    boolean enabled;

    void onStart(@Observes @Priority(100) StartupEvent event) {
        if (enabled) {
            demo.seed(LocalDate.now(ZoneOffset.UTC));
        }
    }
}
