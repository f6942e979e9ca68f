package org.proservice.study;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class StudyRepository implements PanacheRepositoryBase<Study, UUID> {

    public List<Study> listAllOrdered() {
        return list("order by createdAt, id");
    }

    public List<Study> listByIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return list("id in ?1 order by createdAt, id", ids);
    }
}
