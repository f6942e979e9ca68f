package org.proservice.study.protocol;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Published protocol versions with their definitions parsed once per process. A version row never changes (the
 * database refuses UPDATE and DELETE on {@code protocol_version}), so its parsed {@link Protocol} can be kept by
 * row id for the life of the process without any invalidation, on any number of replicas. Which versions a study
 * has is still read from the database every time (a version published a moment ago, by this or another replica, is
 * seen at once); only the definition of a version not seen before is read and parsed.
 *
 * <p>Before, every submission read every version row of the study with its definition (a JSONB document), had
 * Hibernate parse it and rebuilt the protocol from it: several per cent of a submission's CPU.
 */
@ApplicationScoped
public class ProtocolCache {

    /** A published version, its study and number, and its protocol. */
    public record Version(UUID id, UUID studyId, int version, Protocol protocol) {
    }

    @Inject
    EntityManager em;

    private final Cache<UUID, Protocol> parsed = Caffeine.newBuilder().maximumSize(2_000).build();

    /** Every published version of these studies, by study then version. */
    public List<Version> ofStudies(Collection<UUID> studyIds) {
        if (studyIds.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = studyIds.size() == 1
                // a single-valued parameter keeps Hibernate's translated query cached (an IN list is translated anew)
                ? em.createQuery("select v.id, v.studyId, v.version from ProtocolVersion v where v.studyId = :s"
                        + " order by v.version", Object[].class).setParameter("s", studyIds.iterator().next())
                        .getResultList()
                : em.createQuery("select v.id, v.studyId, v.version from ProtocolVersion v where v.studyId in :s"
                        + " order by v.studyId, v.version", Object[].class).setParameter("s", studyIds)
                        .getResultList();
        List<Version> versions = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            versions.add(new Version(id, (UUID) row[1], (Integer) row[2], protocol(id)));
        }
        return versions;
    }

    /** The protocol of the version row {@code id}, parsed on first use. */
    public Protocol protocol(UUID id) {
        Protocol known = parsed.getIfPresent(id);
        if (known != null) {
            return known;
        }
        ProtocolVersion row = em.find(ProtocolVersion.class, id);
        if (row == null) {
            throw new IllegalStateException("protocol version " + id + " does not exist");
        }
        Protocol protocol = row.protocol();
        parsed.put(id, protocol);
        return protocol;
    }
}
