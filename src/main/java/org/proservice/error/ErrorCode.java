package org.proservice.error;

/**
 * The ledger of problem codes. Every error body carries one of these codes; clients may switch on them.
 * A code, once released, keeps its meaning forever: never renumber, never reuse a retired number.
 */
public enum ErrorCode {
    INTERNAL_ERROR("PRO-1000", 500, "Internal server error"),
    MALFORMED_REQUEST("PRO-1001", 400, "Malformed request"),
    INVALID_REQUEST("PRO-1002", 400, "Invalid request"),
    NOT_FOUND("PRO-1003", 404, "Not found"),
    ROUTE_NOT_FOUND("PRO-1004", 404, "No such endpoint"),
    METHOD_NOT_ALLOWED("PRO-1005", 405, "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE("PRO-1006", 415, "Unsupported media type"),
    NOT_ACCEPTABLE("PRO-1007", 406, "Not acceptable"),
    UNAUTHENTICATED("PRO-1008", 401, "Authentication required"),
    FORBIDDEN("PRO-1009", 403, "Forbidden"),
    PAYLOAD_TOO_LARGE("PRO-1010", 413, "Payload too large"),
    SERVICE_UNAVAILABLE("PRO-1011", 503, "Service temporarily unavailable"),
    CONFLICT("PRO-1012", 409, "Conflict"),
    IDEMPOTENCY_KEY_REUSED("PRO-1013", 409, "Idempotency key reused with a different request"),
    IDEMPOTENCY_KEY_REQUIRED("PRO-1014", 400, "Idempotency-Key header required"),
    INVALID_ANSWERS("PRO-1015", 422, "Answers do not fit the instrument"),
    UNPROCESSABLE("PRO-1016", 422, "Request cannot be processed"),
    UNKNOWN_INSTRUMENT("PRO-1017", 404, "Unknown instrument"),
    OVERLOADED("PRO-1018", 503, "Service overloaded"),

    // ---- hardening: refusals made before JAX-RS and input rules (PRO-1025..PRO-1039) ----
    URI_TOO_LONG("PRO-1025", 414, "Request URI too long"),
    HEADERS_TOO_LARGE("PRO-1026", 431, "Request header fields too large"),
    UNSAFE_TEXT("PRO-1027", 422, "Text contains characters that cannot be stored"),
    BODY_READ_TIMEOUT("PRO-1028", 408, "The request body did not arrive in time"),
    CALLER_OVER_LIMIT("PRO-1029", 429, "Too many requests from this caller at once"),
    ANONYMOUS_OVERLOADED("PRO-1030", 503, "Capacity for unauthenticated requests exhausted"),

    // ---- schedule: protocols, enrollments, events, tasks: PRO-1300..PRO-1399 ----
    INVALID_PROTOCOL("PRO-1300", 422, "Invalid protocol definition"),
    SUBJECT_CODE_TAKEN("PRO-1301", 409, "Study subject code already in use"),
    IDENTITY_SUBJECT_TAKEN("PRO-1302", 409, "Identity subject already enrolled"),
    NO_PROTOCOL_VERSION("PRO-1303", 409, "Study has no protocol version"),
    INVALID_ENROLLMENT("PRO-1304", 422, "Invalid enrollment"),
    INVALID_EVENT("PRO-1305", 422, "Invalid event occurrence"),
    TASK_ALREADY_EXCUSED("PRO-1306", 409, "Task already excused"),
    TASK_ALREADY_COMPLETED("PRO-1307", 409, "Task already completed"),
    INVALID_TIME_ZONE_CHANGE("PRO-1308", 422, "Invalid time-zone change"),

    // ---- clinical validity of event dates (issue 14): PRO-1310..PRO-1319 ----
    EVENT_DATE_IN_FUTURE("PRO-1310", 422, "The event date lies after the patient's local today"),
    EVENT_ORDER_VIOLATED("PRO-1311", 422, "The event date puts the protocol's anchors out of order"),

    // ---- access control and audit: PRO-1200..PRO-1299 ----
    INVALID_CURSOR("PRO-1200", 400, "Invalid pagination cursor"),

    // ---- responses and alerts: PRO-1500..PRO-1599 ----
    TASK_NOT_FOUND("PRO-1500", 422, "No such task for this patient"),
    TASK_NOT_OPEN("PRO-1501", 422, "The task is not open for submissions"),
    TASK_WINDOW_CLOSED("PRO-1502", 422, "The task's window has closed"),
    RESPONSE_ALREADY_SUPERSEDED("PRO-1503", 409, "The response has already been amended"),
    ALERT_TRANSITION_INVALID("PRO-1504", 409, "The alert is not in a state that allows this step"),
    STUDY_AMBIGUOUS("PRO-1505", 422, "The patient is enrolled in several studies; name one"),
    UNSUPPORTED_INSTRUMENT_VERSION("PRO-1506", 422, "Unsupported instrument version"),
    COMPLETION_TIME_INVALID("PRO-1507", 422, "Completion time is not acceptable"),

    // ---- invitations and the patient's own view: PRO-1600..PRO-1649 ----
    INVITATION_CODE_UNKNOWN("PRO-1600", 422, "No invitation has this code"),
    INVITATION_ALREADY_CLAIMED("PRO-1601", 409, "The invitation has already been used"),
    INVITATION_EXPIRED("PRO-1602", 410, "The invitation has expired"),
    INVITATION_REVOKED("PRO-1603", 410, "The invitation has been revoked"),
    SUBJECT_ALREADY_BOUND("PRO-1604", 409, "This account already belongs to another patient"),
    INVITATION_ATTEMPTS_EXCEEDED("PRO-1605", 429, "Too many wrong invitation codes"),
    PATIENT_ALREADY_JOINED("PRO-1606", 409, "The patient has already joined"),
    INVALID_PATIENT_SETTINGS("PRO-1607", 422, "Invalid patient settings"),

    // ---- FHIR R4 interface (/fhir/r4): PRO-1700..PRO-1749 ----
    FHIR_INVALID_SEARCH("PRO-1700", 400, "Unsupported or malformed FHIR search"),
    FHIR_INVALID_RESOURCE("PRO-1701", 400, "Not a valid FHIR R4 resource of the expected type"),
    FHIR_UNKNOWN_QUESTIONNAIRE("PRO-1702", 422, "The questionnaire is not one this server serves"),
    FHIR_INVALID_ITEMS("PRO-1703", 422, "Items that do not fit the served Questionnaire"),
    FHIR_NO_OPEN_TASK("PRO-1704", 422, "No open task for this questionnaire"),
    FHIR_TASK_AMBIGUOUS("PRO-1705", 422, "Several open tasks for this questionnaire; name one"),
    FHIR_SUBJECT_MISMATCH("PRO-1706", 422, "The subject is not the caller's own Patient"),


    // ---- reports: patient report and study figure (PRO-1900..PRO-1949) ----
    REPORT_FORMAT_UNSUPPORTED("PRO-1900", 400, "Unsupported report format or paper size"),

    // ---- clinical validity of responses and exports (issue 14): PRO-1510..PRO-1529 ----
    NO_ANSWERED_ITEM("PRO-1510", 422, "No item is answered"),

    // ---- notify (PRO-1400..PRO-1499) ----
    WEBHOOK_DELIVERY_IN_FLIGHT("PRO-1400", 409, "Webhook delivery is being attempted right now"),
    WEBHOOK_URL_NOT_HTTPS("PRO-1410", 422, "Webhook URLs must use https");

    private final String code;
    private final int status;
    private final String title;

    ErrorCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** A stable, dereferenceable-looking type URI for RFC 9457 {@code type}. */
    public String type() {
        return "urn:pro-service:problem:" + name().toLowerCase().replace('_', '-');
    }
}
