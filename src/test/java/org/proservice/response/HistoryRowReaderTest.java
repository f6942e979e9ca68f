package org.proservice.response;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;
import org.proservice.support.GoldenCases;

/**
 * The history page reads rows with plain JDBC ({@link ResponseRepository#row}). Every column must come out exactly
 * as Hibernate reads the same row into the entity: answers, score detail (prorated decimals, endorsed counts),
 * subscales (BPI means), flags, null totals, microsecond timestamps. Compared field by field for every golden case.
 */
@QuarkusTest
class HistoryRowReaderTest {

    static final String STAFF = "row-reader-clinician";

    @Inject
    Fixtures fixtures;
    @Inject
    ResponseRepository responses;
    @Inject
    EntityManager em;

    @Test
    void everyColumnReadsAsHibernateReadsIt() throws Exception {
        UUID study = ResponseApi.study(fixtures, STAFF, "accept_marked_late");
        String subject = ResponseApi.unique("row-reader");
        UUID patient = ResponseApi.enroll(STAFF, study, "arm-a", ResponseApi.todayUtc(), subject,
                ResponseApi.unique("R"));
        Instant t = Instant.now().minus(3, ChronoUnit.DAYS).plusNanos(123_456_000);
        int stored = 0;
        for (GoldenCases.Case c : GoldenCases.golden()) {
            if (c.expectsError()) {
                continue;
            }
            int status = ResponseApi.submitFor(STAFF, patient, UUID.randomUUID().toString(),
                    ResponseApi.submission(null, c.instrumentId(), c.answers(), t.plusSeconds(stored)))
                    .extract().statusCode();
            // a case without any answered item is refused (422 PRO-1033-style "no answered item"): nothing stored
            assertTrue(status == 201 || status == 422, c + ": " + status);
            stored += status == 201 ? 1 : 0;
        }
        assertTrue(stored >= 8, "golden cases stored: " + stored);
        int expected = stored;

        QuarkusTransaction.requiringNew().run(() -> {
            List<ResponseRecord> page = responses.history(patient, List.of(study), null, null, null, true, null, 200,
                    true);
            assertEquals(expected, page.size());
            // the lighter page (answers=false) reads every other column the same, and no answers
            List<ResponseRecord> light = responses.history(patient, List.of(study), null, null, null, true, null,
                    200, false);
            assertEquals(expected, light.size());
            for (ResponseRecord jdbc : page) {
                em.clear();
                ResponseRecord hibernate = responses.findById(jdbc.id);
                assertNotNull(hibernate);
                assertSameColumns(hibernate, jdbc);
            }
            for (int i = 0; i < expected; i++) {
                ResponseRecord full = page.get(i);
                assertNotNull(full.answers);
                full.answers = null; // unmanaged: nothing is written
                assertSameColumns(full, light.get(i));
            }
            // the filters bind as named: an instrument, a time range, and a study list of two
            List<ResponseRecord> phq9 = responses.history(patient, List.of(study, UUID.randomUUID()), "phq9",
                    t.minusSeconds(1), t.plusSeconds(expected), false, null, 200, true);
            assertTrue(phq9.stream().allMatch(r -> r.instrumentId.equals("phq9")) && !phq9.isEmpty());
            assertEquals(0, responses.history(patient, List.of(UUID.randomUUID()), null, null, null, false, null,
                    200, true).size());
        });
    }

    @Test
    void namedParametersBecomePlaceholdersInOrder() {
        List<Object> values = new ArrayList<>();
        String sql = ResponseRepository.positional(
                "SELECT 1 WHERE a = :patient AND b IN (:studies) AND c::text = :instrument LIMIT :limit",
                Map.of("patient", 1, "studies", List.of(2, 3), "instrument", "x", "limit", 5), values);
        assertEquals("SELECT 1 WHERE a = ? AND b IN (?, ?) AND c::text = ? LIMIT ?", sql);
        assertEquals(List.of(1, 2, 3, "x", 5), values);
        assertThrows(IllegalArgumentException.class,
                () -> ResponseRepository.positional("WHERE a = :missing", Map.of(), new ArrayList<>()));
        assertThrows(IllegalArgumentException.class,
                () -> ResponseRepository.positional("WHERE a IN (:s)", Map.of("s", Set.of()), new ArrayList<>()));
    }

    private static void assertSameColumns(ResponseRecord expected, ResponseRecord actual) {
        try {
            compare(expected, actual);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static void compare(ResponseRecord expected, ResponseRecord actual) throws IllegalAccessException {
        int columns = 0;
        for (Field f : ResponseRecord.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || !(f.isAnnotationPresent(jakarta.persistence.Column.class)
                    || f.isAnnotationPresent(jakarta.persistence.Id.class))) {
                continue;
            }
            f.setAccessible(true);
            columns++;
            Object e = f.get(expected);
            Object a = f.get(actual);
            if (e instanceof Object[] ea) {
                assertArrayEquals(ea, (Object[]) a, f.getName());
            } else {
                assertEquals(e, a, f.getName() + " of " + expected.instrumentId);
                if (e != null) {
                    assertEquals(e.getClass(), a.getClass(), f.getName() + " type");
                }
            }
        }
        assertEquals(23, columns, "the columns of response");
        // JSON numbers keep their Java types (integers stay integers, decimals decimals) in nested maps too
        assertEquals(String.valueOf(expected.scoreDetail), String.valueOf(actual.scoreDetail));
        assertEquals(String.valueOf(expected.subscales), String.valueOf(actual.subscales));
        assertEquals(String.valueOf(expected.answers), String.valueOf(actual.answers));
    }
}
