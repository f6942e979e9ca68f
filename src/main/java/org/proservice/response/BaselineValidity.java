package org.proservice.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which baseline responses are not baselines: those completed on or after the patient's local day of the protocol's
 * treatment-start event ({@code baselineMustPrecede}, by default the first event anchor). The rule lives in one SQL
 * function, {@code baseline_after_treatment_start} (V80), used by the score series, the study summary and the
 * exports alike. A baseline whose treatment-start event is not recorded yet counts as valid.
 *
 * <p>Does not check access: callers have already checked that the caller may see the patient.
 */
@ApplicationScoped
public class BaselineValidity {

    /** {@code baselineStatus} of a baseline response completed before treatment started. */
    public static final String VALID = "valid";
    /** {@code baselineStatus} of a baseline response completed on or after the day treatment started. */
    public static final String AFTER_TREATMENT_START = "after_treatment_start";

    @Inject
    ResponseRepository responses;

    /**
     * The ids of the patient's baseline responses (at the baseline timepoint of their enrollment's protocol version,
     * current or superseded) that were completed on or after the day treatment started. Every other response is
     * either a valid baseline or no baseline at all.
     */
    public Set<UUID> afterTreatmentStart(UUID patientId) {
        List<Object> ids = responses.baselinesAfterTreatmentStart(patientId);
        Set<UUID> out = new HashSet<>();
        ids.forEach(id -> out.add(id instanceof UUID u ? u : UUID.fromString(id.toString())));
        return out;
    }

    /** {@link #VALID} or {@link #AFTER_TREATMENT_START} for a baseline response of the patient. */
    public String statusOf(UUID patientId, UUID baselineResponseId) {
        return afterTreatmentStart(patientId).contains(baselineResponseId) ? AFTER_TREATMENT_START : VALID;
    }
}
