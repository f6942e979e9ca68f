package org.proservice.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code pro.alerts.*}: when an alert counts as overdue, and the configurable alert rules. */
@ConfigMapping(prefix = "pro.alerts")
public interface AlertSettings {

    /** An open alert not acknowledged within this time after it was raised is overdue (computed on read). */
    @WithDefault("PT1H")
    Duration acknowledgeWithin();

    /** Instruments whose {@code severe} band raises a {@code severe_band} alert (empty: none). */
    @WithName("severe-band.instruments")
    Optional<List<String>> severeBandInstruments();
}
