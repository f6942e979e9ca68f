package org.proservice.patient;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PatientTimeZoneRepository implements PanacheRepositoryBase<PatientTimeZone, UUID> {

    /** The whole history, oldest first. */
    public List<PatientTimeZone> history(UUID patientId) {
        return list("patientId = ?1 order by validFrom", patientId);
    }

    /** The zone in force at {@code at}: the entry with the greatest {@code validFrom <= at}. */
    public Optional<PatientTimeZone> inForceAt(UUID patientId, Instant at) {
        return find("patientId = ?1 and validFrom <= ?2 order by validFrom desc", patientId, at).firstResultOptional();
    }
}
