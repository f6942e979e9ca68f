package org.proservice.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

class NoticeTypesContractTest {

    @Test
    void contractListsExactlyTheNoticeTypesTheOutboxAccepts() {
        Schema schema = WebhookDtos.EventType.class.getAnnotation(Schema.class);
        assertEquals(NoticeTypes.ALL, List.of(schema.enumeration()));
    }
}
