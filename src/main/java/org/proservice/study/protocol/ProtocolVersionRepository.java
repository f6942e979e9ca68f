package org.proservice.study.protocol;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ProtocolVersionRepository implements PanacheRepositoryBase<ProtocolVersion, UUID> {

    public Optional<ProtocolVersion> find(UUID studyId, int version) {
        return find("studyId = ?1 and version = ?2", studyId, version).firstResultOptional();
    }

    public Optional<ProtocolVersion> latest(UUID studyId) {
        return find("studyId = ?1 order by version desc", studyId).firstResultOptional();
    }

    public List<ProtocolVersion> listByStudy(UUID studyId) {
        return list("studyId = ?1 order by version", studyId);
    }

    public int nextVersion(UUID studyId) {
        Integer max = getEntityManager()
                .createQuery("select max(v.version) from ProtocolVersion v where v.studyId = :s", Integer.class)
                .setParameter("s", studyId).getSingleResult();
        return max == null ? 1 : max + 1;
    }
}
