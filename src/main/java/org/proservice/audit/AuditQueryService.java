package org.proservice.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.proservice.audit.AuditDtos.AuditEventView;
import org.proservice.audit.AuditDtos.AuditPage;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;

/** Reads the audit trail, newest first, keyset-paginated on (occurred_at, id). Reading it is itself audited. */
@ApplicationScoped
public class AuditQueryService {

    @Inject
    AuditEventRepository events;

    @Inject
    AuditLog audit;

    @Transactional
    public AuditPage page(AuditQuery query) {
        StringBuilder jpql = new StringBuilder("select e from AuditEvent e where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.patient() != null) {
            jpql.append(" and e.patientId = :patient");
            params.put("patient", query.patient());
        }
        if (query.actor() != null) {
            jpql.append(" and e.actorSubject = :actor");
            params.put("actor", query.actor());
        }
        if (query.from() != null) {
            jpql.append(" and e.occurredAt >= :from");
            params.put("from", query.from());
        }
        if (query.to() != null) {
            jpql.append(" and e.occurredAt < :to");
            params.put("to", query.to());
        }
        if (query.cursor() != null) {
            jpql.append(" and (e.occurredAt < :cursorAt or (e.occurredAt = :cursorAt and e.id < :cursorId))");
            params.put("cursorAt", query.cursor().occurredAt());
            params.put("cursorId", query.cursor().id());
        }
        jpql.append(" order by e.occurredAt desc, e.id desc");
        TypedQuery<AuditEvent> q = events.getEntityManager().createQuery(jpql.toString(), AuditEvent.class);
        params.forEach(q::setParameter);
        List<AuditEvent> rows = q.setMaxResults(query.limit() + 1).getResultList();
        boolean more = rows.size() > query.limit();
        List<AuditEvent> page = more ? rows.subList(0, query.limit()) : rows;
        String next = more ? AuditCursor.of(page.get(page.size() - 1)).encode() : null;

        // the row names the patient looked up, so "who looked into patient X" is answered too
        audit.event(AuditAction.READ, AuditResource.AUDIT_LOG).patient(query.patient()).detail(filters(query))
                .allowed();
        return new AuditPage(new ArrayList<>(page.stream().map(AuditEventView::of).toList()), next);
    }

    private static Map<String, Object> filters(AuditQuery query) {
        Map<String, Object> detail = new LinkedHashMap<>();
        if (query.patient() != null) {
            detail.put("patient", query.patient().toString());
        }
        if (query.actor() != null) {
            detail.put("actor", query.actor());
        }
        if (query.from() != null) {
            detail.put("from", query.from().toString());
        }
        if (query.to() != null) {
            detail.put("to", query.to().toString());
        }
        return detail;
    }
}
