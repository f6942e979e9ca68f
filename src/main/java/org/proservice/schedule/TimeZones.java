package org.proservice.schedule;

import java.time.ZoneId;
import java.util.Optional;

/** IANA time-zone ids: region ids the JDK knows (e.g. {@code Europe/Berlin}, {@code UTC}); no raw offsets. */
final class TimeZones {

    private TimeZones() {
    }

    static Optional<ZoneId> parse(String id) {
        if (id == null || !ZoneId.getAvailableZoneIds().contains(id)) {
            return Optional.empty();
        }
        return Optional.of(ZoneId.of(id));
    }
}
