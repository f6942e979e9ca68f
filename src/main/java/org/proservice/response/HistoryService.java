package org.proservice.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.proservice.error.ProblemException;
import org.proservice.patient.Patient;
import org.proservice.response.ResponseDtos.ResponsePage;
import org.proservice.response.ResponseDtos.ResponseView;
import org.proservice.response.ResponseDtos.ResponseWithTrail;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;

/**
 * Response histories (newest first, keyset pages) and single responses with their amendment trail. A patient sees
 * all of their own responses; a clinician those of the caller's studies.
 */
@ApplicationScoped
public class HistoryService {

    public static final int MAX_LIMIT = 200;

    @Inject
    AccessPolicy access;
    @Inject
    AuditLog audit;
    @Inject
    ResponseRepository responses;
    @Inject
    ResponseViews views;

    /**
     * Filters of a history request. {@code to} is exclusive; {@code withAnswers} false leaves each item's answers
     * out (null), and the answers column is then not read at all.
     */
    public record HistoryQuery(String instrumentId, Instant from, Instant to, boolean includeSuperseded,
            String cursor, int limit, boolean withAnswers) {

        public static final String ANSWERS_PARAMETER = "false: each item's answers are null and only its score "
                + "is given - a lighter, faster page for score lists and charts";
    }

    @Transactional
    public ResponsePage mine(HistoryQuery q) {
        Patient p = access.requireSelf(AuditAction.READ);
        return page(p, null, q);
    }

    @Transactional
    public ResponsePage ofPatient(UUID patientId, HistoryQuery q) {
        Patient p = access.requirePatient(patientId, AuditAction.READ);
        return page(p, access.visibleStudyIds(), q);
    }

    @Transactional
    public ResponseWithTrail oneOfMine(UUID responseId) {
        Patient p = access.requireSelf(AuditAction.READ);
        return one(p, null, responseId);
    }

    @Transactional
    public ResponseWithTrail oneOfPatient(UUID patientId, UUID responseId) {
        Patient p = access.requirePatient(patientId, AuditAction.READ);
        return one(p, access.visibleStudyIds(), responseId);
    }

    private ResponsePage page(Patient p, List<UUID> studies, HistoryQuery q) {
        int limit = Math.max(1, Math.min(q.limit(), MAX_LIMIT));
        ResponseCursor after = ResponseCursor.decode(q.cursor());
        List<ResponseRecord> rows = studies != null && studies.isEmpty() ? List.of()
                : responses.history(p.id, studies, q.instrumentId(), q.from(), q.to(), q.includeSuperseded(), after,
                        limit + 1, q.withAnswers());
        boolean more = rows.size() > limit;
        if (more) {
            rows = rows.subList(0, limit);
        }
        Map<UUID, UUID> supersededBy = new HashMap<>();
        if (q.includeSuperseded()) {
            // without superseded rows every row of the page is current: nothing supersedes it
            responses.supersessionLinks(rows.stream().map(r -> r.id).toList())
                    .forEach(link -> supersededBy.put(link[0], link[1]));
        }
        List<ResponseView> items = rows.stream().map(r -> views.view(r, supersededBy.get(r.id))).toList();
        audit.event(AuditAction.READ, AuditResource.RESPONSE).patient(p.id).detail("items", items.size()).allowed();
        return new ResponsePage(items, more ? ResponseCursor.of(rows.get(rows.size() - 1)).encode() : null);
    }

    private ResponseWithTrail one(Patient p, List<UUID> studies, UUID responseId) {
        ResponseRecord r = responses.findOfPatient(p.id, responseId)
                .filter(x -> studies == null || studies.contains(x.studyId))
                .orElseThrow(() -> {
                    audit.event(AuditAction.READ, AuditResource.RESPONSE).id(responseId).patient(p.id)
                            .detail("reason", "not_found").denied();
                    return ProblemException.notFound("Response");
                });
        List<ResponseRecord> chain = new ArrayList<>();
        for (ResponseRecord x = r; x != null; x = x.supersedesId == null ? null : responses.findById(x.supersedesId)) {
            chain.add(x);
        }
        Collections.reverse(chain);
        for (Optional<ResponseRecord> next = responses.findSuperseding(r.id); next.isPresent();
                next = responses.findSuperseding(next.get().id)) {
            chain.add(next.get());
        }
        List<ResponseView> trail = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            trail.add(views.view(chain.get(i), i + 1 < chain.size() ? chain.get(i + 1).id : null));
        }
        ResponseView self = trail.stream().filter(v -> v.id().equals(r.id)).findFirst().orElseThrow();
        audit.event(AuditAction.READ, AuditResource.RESPONSE).id(r.id).patient(p.id).study(r.studyId).allowed();
        return new ResponseWithTrail(self, trail);
    }
}
