package org.proservice.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;

/** The outbox as features use it: inside their transaction, deduplicated, without answers. */
@QuarkusTest
class OutboxTest {

    @Inject
    Outbox outbox;

    @Inject
    Fixtures fixtures;

    @Inject
    NotifyTestSupport notify;

    UUID study;

    @BeforeEach
    void setUp() {
        study = fixtures.study("Outbox " + UUID.randomUUID());
    }

    @Test
    void enqueueOutsideATransactionIsRefused() {
        assertThrows(TransactionalException.class, () -> outbox.enqueue(study, NoticeTypes.ALERT_RAISED,
                "alert.raised:" + UUID.randomUUID(), null, Map.of("alertId", "a")));
        assertThrows(TransactionalException.class, () -> outbox.cancel(List.of("task.opened:x"), "test"));
    }

    @Test
    void noticeRollsBackWithTheFactBehindIt() {
        String key = "alert.raised:" + UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.enqueue(study, NoticeTypes.ALERT_RAISED, key, null, Map.of("alertId", "a"));
            throw new IllegalStateException("the alert could not be stored");
        }));
        // The key is still free: nothing was written.
        assertTrue(notify.publish(study, NoticeTypes.ALERT_RAISED, key, null, Map.of("alertId", "a")) != null);
    }

    @Test
    void payloadWithAnswersIsRefusedAtAnyDepth() {
        for (Map<String, ?> payload : List.<Map<String, ?>>of(
                Map.of("answers", Map.of("phq9_q9", 2)),
                Map.of("response", Map.of("itemValues", List.of(1, 2))),
                Map.of("list", List.of(Map.of("Answer", 3))),
                Map.of("answer_values", "x"))) {
            assertThrows(IllegalArgumentException.class, () -> QuarkusTransaction.requiringNew().run(() -> outbox
                    .enqueue(study, NoticeTypes.RESPONSE_STORED, "response.stored:" + UUID.randomUUID(), null,
                            payload)), payload.toString());
        }
    }

    @Test
    void unknownTypeOversizedPayloadAndBlankKeyAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> QuarkusTransaction.requiringNew().run(() -> outbox
                .enqueue(study, "patient.renamed", "k-" + UUID.randomUUID(), null, Map.of())));
        assertThrows(IllegalArgumentException.class, () -> QuarkusTransaction.requiringNew().run(() -> outbox
                .enqueue(study, NoticeTypes.ALERT_RAISED, " ", null, Map.of())));
        assertThrows(IllegalArgumentException.class, () -> QuarkusTransaction.requiringNew().run(() -> outbox
                .enqueue(study, NoticeTypes.ALERT_RAISED, "k-" + UUID.randomUUID(), null,
                        Map.of("blob", "x".repeat(Outbox.MAX_PAYLOAD_BYTES)))));
    }

    @Test
    void secondEnqueueWithTheSameKeyReturnsEmptyAndKeepsTheFirst() {
        String key = "alert.raised:" + UUID.randomUUID();
        Optional<UUID> first = QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(study,
                NoticeTypes.ALERT_RAISED, key, null, Map.of("alertId", "first")));
        Optional<UUID> second = QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(study,
                NoticeTypes.ALERT_RAISED, key, null, Map.of("alertId", "second")));
        assertTrue(first.isPresent());
        assertEquals(Optional.empty(), second);
        assertEquals("first", notify.event(first.get()).payload.get("alertId"));
    }

    @Test
    void cancelMatchesWholeKeysOnlyAndOnlyPendingNotices() {
        String base = "task.closing:" + UUID.randomUUID();
        Instant later = Instant.now().plusSeconds(3600);
        UUID target = notify.publish(study, NoticeTypes.TASK_CLOSING, base + ":T1:bpi", later, Map.of());
        UUID longer = notify.publish(study, NoticeTypes.TASK_CLOSING, base + ":T1:bpi-sf", later, Map.of());
        UUID lookalike = notify.publish(study, NoticeTypes.TASK_CLOSING, base + ":TX:bpi", later, Map.of());
        UUID second = notify.publish(study, NoticeTypes.TASK_OPENED, base + ":T2:gad7", later, Map.of());

        int cancelled = QuarkusTransaction.requiringNew().call(() -> outbox.cancel(
                List.of(base + ":T1:bpi", base + ":T2:gad7", base + ":T_:bpi"), "task_excused"));

        assertEquals(2, cancelled);
        assertEquals(OutboxEvent.CANCELLED, notify.event(target).state);
        assertEquals(OutboxEvent.CANCELLED, notify.event(second).state);
        assertEquals(OutboxEvent.PENDING, notify.event(longer).state, "a key is not a prefix");
        assertEquals(OutboxEvent.PENDING, notify.event(lookalike).state, "_ is not a wildcard");
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> outbox.cancel(List.of(base + ":T1:bpi"),
                "again")));
        assertThrows(IllegalArgumentException.class, () -> QuarkusTransaction.requiringNew()
                .call(() -> outbox.cancel(List.of(), "nothing")));
    }
}
