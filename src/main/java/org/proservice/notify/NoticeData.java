package org.proservice.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code data} of each notice type: thin notices. A notice says that something happened and where to look -
 * ids and links into the API - and nothing clinical: no rule codes, flags, scores, bands, answers, severities,
 * dates of treatment or free text. A receiver that needs more fetches it through the {@code links} with its own
 * credentials, where the access policy decides and the audit trail records it.
 *
 * <h2>What counts as an identifier</h2>
 * Ids are random UUIDs ({@code patientId}, {@code alertId}, ...): opaque without access to the API, so the patient
 * id is included (the receiver needs it to follow the links). A task has no UUID; it is named by its protocol keys
 * ({@code timepointKey}, {@code instrumentId}), which the study's protocol defines for every patient alike - they say
 * which questionnaire is due, not how anybody answered. {@code alert.raised} carries no instrument, because with the
 * instrument an alert would reveal its rule (PHQ-9 has one alert rule: item 9).
 *
 * <h2>Keys per type</h2>
 * <ul>
 * <li>{@code alert.raised}: {@code alertId, responseId, patientId, studyId, links{alerts, response}}</li>
 * <li>{@code response.stored}: {@code responseId, patientId, studyId, links{response}}</li>
 * <li>{@code task.opened}, {@code task.closing}: {@code enrollmentId, patientId, studyId, timepointKey,
 * instrumentId, links{tasks}}</li>
 * </ul>
 * Links are paths relative to the service's base URL. The {@link Outbox} refuses any other key, any value that is not
 * a short token (no spaces, no numbers as JSON numbers, no lists or objects), and any link that is not an API path:
 * a publisher cannot widen a notice by accident. A new type adds its keys here.
 */
public final class NoticeData {

    static final String LINKS = "links";
    private static final String API = "/api/v1";

    private static final Map<String, Set<String>> KEYS = Map.of(
            NoticeTypes.ALERT_RAISED, Set.of("alertId", "responseId", "patientId", "studyId", LINKS),
            NoticeTypes.RESPONSE_STORED, Set.of("responseId", "patientId", "studyId", LINKS),
            NoticeTypes.TASK_OPENED, Set.of("enrollmentId", "patientId", "studyId", "timepointKey", "instrumentId",
                    LINKS),
            NoticeTypes.TASK_CLOSING, Set.of("enrollmentId", "patientId", "studyId", "timepointKey", "instrumentId",
                    LINKS));

    private static final Map<String, Set<String>> LINK_NAMES = Map.of(
            NoticeTypes.ALERT_RAISED, Set.of("alerts", "response"),
            NoticeTypes.RESPONSE_STORED, Set.of("response"),
            NoticeTypes.TASK_OPENED, Set.of("tasks"),
            NoticeTypes.TASK_CLOSING, Set.of("tasks"));

    /** An id or protocol key: letters, digits and {@code . _ : -}, no spaces. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern LINK = Pattern.compile("/api/v1/[A-Za-z0-9/._-]+(\\?[A-Za-z0-9._=&-]+)?");

    private NoticeData() {
    }

    /** {@code alert.raised}: the alert, the response that raised it, the patient; links to the alerts and response. */
    public static Map<String, Object> alertRaised(UUID alertId, UUID studyId, UUID patientId, UUID responseId) {
        Map<String, Object> data = ids(studyId, patientId);
        data.put("alertId", Objects.requireNonNull(alertId).toString());
        data.put("responseId", Objects.requireNonNull(responseId).toString());
        data.put(LINKS, Map.of(
                "alerts", API + "/alerts?studyId=" + studyId + "&status=open",
                "response", responsePath(patientId, responseId)));
        return data;
    }

    /** {@code response.stored}: the response and its patient; a link to the response. */
    public static Map<String, Object> responseStored(UUID responseId, UUID studyId, UUID patientId) {
        Map<String, Object> data = ids(studyId, patientId);
        data.put("responseId", Objects.requireNonNull(responseId).toString());
        data.put(LINKS, Map.of("response", responsePath(patientId, responseId)));
        return data;
    }

    /** {@code task.opened} / {@code task.closing}: the enrollment and the task's protocol keys; a link to the task. */
    public static Map<String, Object> task(UUID enrollmentId, UUID studyId, UUID patientId, String timepointKey,
            String instrumentId) {
        Map<String, Object> data = ids(studyId, patientId);
        data.put("enrollmentId", Objects.requireNonNull(enrollmentId).toString());
        data.put("timepointKey", Objects.requireNonNull(timepointKey));
        data.put("instrumentId", Objects.requireNonNull(instrumentId));
        data.put(LINKS, Map.of("tasks", API + "/patients/" + patientId + "/tasks?timepoint=" + timepointKey
                + "&instrument=" + instrumentId));
        return data;
    }

    /** The keys {@code data} of this type may hold (empty for an unknown type). */
    public static Set<String> keys(String type) {
        return KEYS.getOrDefault(type, Set.of());
    }

    /** The link names {@code data.links} of this type may hold. */
    public static Set<String> linkNames(String type) {
        return LINK_NAMES.getOrDefault(type, Set.of());
    }

    /**
     * Refuses a payload that is not thin: an unknown key, a value that is not a short token, a link that is not an
     * API path.
     *
     * @throws IllegalArgumentException naming the offending key (never its value)
     */
    static void check(String type, Map<String, ?> payload) {
        Set<String> allowed = keys(type);
        for (Map.Entry<String, ?> e : payload.entrySet()) {
            String key = e.getKey();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("notice " + type + " may not carry the key " + key
                        + " (notices carry ids and links only; see NoticeData)");
            }
            Object value = e.getValue();
            if (LINKS.equals(key)) {
                checkLinks(type, value);
            } else if (!(value instanceof String s && TOKEN.matcher(s).matches())
                    && !(value instanceof UUID)) {
                throw new IllegalArgumentException("notice " + type + ": " + key + " must be an id or key");
            }
        }
    }

    private static void checkLinks(String type, Object value) {
        if (!(value instanceof Map<?, ?> links)) {
            throw new IllegalArgumentException("notice " + type + ": links must be an object");
        }
        for (Map.Entry<?, ?> link : links.entrySet()) {
            if (!linkNames(type).contains(String.valueOf(link.getKey()))) {
                throw new IllegalArgumentException("notice " + type + " may not carry the link " + link.getKey());
            }
            if (!(link.getValue() instanceof String path && LINK.matcher(path).matches())) {
                throw new IllegalArgumentException("notice " + type + ": link " + link.getKey()
                        + " must be an API path");
            }
        }
    }

    private static Map<String, Object> ids(UUID studyId, UUID patientId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("patientId", Objects.requireNonNull(patientId).toString());
        data.put("studyId", Objects.requireNonNull(studyId).toString());
        return data;
    }

    private static String responsePath(UUID patientId, UUID responseId) {
        return API + "/patients/" + patientId + "/responses/" + responseId;
    }
}
