package org.proservice.study.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;

/**
 * Which versions a study has is read every time (a version published after the first read is seen at once); each
 * version's definition is parsed once and is the protocol the row holds.
 */
@QuarkusTest
class ProtocolCacheTest {

    @Inject
    Fixtures fixtures;
    @Inject
    ProtocolCache cache;
    @Inject
    ProtocolVersionRepository rows;

    @Test
    void versionsAreReadEveryTimeAndDefinitionsParsedOnce() {
        UUID study = fixtures.study("protocol-cache-" + UUID.randomUUID());
        assertEquals(List.of(), QuarkusTransaction.requiringNew().call(() -> cache.ofStudies(List.of(study))));
        ProtocolVersionResourceTest.publish(study, ProtocolVersionResourceTest.body(null)).statusCode(201);
        List<ProtocolCache.Version> first = QuarkusTransaction.requiringNew().call(() -> cache.ofStudies(List.of(study)));
        assertEquals(1, first.size());
        ProtocolVersionResourceTest.publish(study, ProtocolVersionResourceTest.body(false)).statusCode(201);
        List<ProtocolCache.Version> second = QuarkusTransaction.requiringNew()
                .call(() -> cache.ofStudies(List.of(study)));
        assertEquals(List.of(1, 2), second.stream().map(ProtocolCache.Version::version).toList());
        assertSame(first.get(0).protocol(), second.get(0).protocol(), "version 1 was parsed once");
        assertNotSame(second.get(0).protocol(), second.get(1).protocol());
        QuarkusTransaction.requiringNew().run(() -> {
            for (ProtocolCache.Version v : second) {
                ProtocolVersion row = rows.findById(v.id());
                assertEquals(row.studyId, v.studyId());
                assertEquals(row.version, v.version());
                assertEquals(row.protocol(), v.protocol());
            }
        });
        UUID other = fixtures.study("protocol-cache-other-" + UUID.randomUUID());
        ProtocolVersionResourceTest.publish(other, ProtocolVersionResourceTest.body(null)).statusCode(201);
        List<ProtocolCache.Version> both = QuarkusTransaction.requiringNew()
                .call(() -> cache.ofStudies(List.of(study, other)));
        assertEquals(3, both.size());
        assertThrows(IllegalStateException.class,
                () -> QuarkusTransaction.requiringNew().call(() -> cache.protocol(UUID.randomUUID())));
    }
}
