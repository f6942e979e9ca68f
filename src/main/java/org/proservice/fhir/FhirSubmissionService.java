package org.proservice.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Type;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;
import org.proservice.instrument.InstrumentCatalog;
import org.proservice.instrument.InstrumentDefinition;
import org.proservice.patient.Patient;
import org.proservice.response.ResponseDtos.Submission;
import org.proservice.response.ResponseRecord;
import org.proservice.response.SubmissionService;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;

/**
 * {@code POST /fhir/r4/QuestionnaireResponse}: an SDC-style response translated into the service's own
 * {@link Submission} and stored by {@link SubmissionService} - the path of {@code POST /api/v1/me/responses}
 * (idempotency, validation, task, scoring, alerts, notices, audit). The translation:
 * {@code questionnaire} = a served canonical ({@code <base>/Questionnaire/<id>}, optionally {@code |<version>});
 * {@code subject} = the caller's own {@code Patient/<id>}; {@code authored} = completion time; one item per answered
 * question by {@code linkId}, answered with the served {@code valueCoding} (LOINC) or {@code valueInteger}; an item
 * without an answer is unanswered; the optional extension {@code <base>/StructureDefinition/timepoint-key} names the
 * task, otherwise the one open task of the instrument is taken. Problems are reported per item with the FHIRPath of
 * the offending element ({@code QuestionnaireResponse.item[3].answer[0].value}).
 */
@ApplicationScoped
public class FhirSubmissionService {

    private static final String QR = "QuestionnaireResponse";

    @Inject
    FhirContext fhir;
    @Inject
    FhirMapping mapping;
    @Inject
    InstrumentCatalog catalog;
    @Inject
    AccessPolicy access;
    @Inject
    SubmissionService submissions;
    @Inject
    FhirRecords records;
    @Inject
    ObjectMapper json;

    /** The stored response as FHIR, and whether this was a replay of an earlier request with the same key. */
    public record Created(QuestionnaireResponse resource, boolean replayed) {
    }

    public Created submit(String idempotencyKey, String body) {
        QuestionnaireResponse in = parse(body);
        Patient self = access.requireSelf(AuditAction.CREATE);
        InstrumentDefinition def = questionnaire(in);
        List<FieldError> problems = new ArrayList<>();
        if (in.getStatus() != QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED) {
            problems.add(new FieldError(QR + ".status", "not_completed", "must be completed"));
        }
        if (!in.hasAuthored()) {
            problems.add(new FieldError(QR + ".authored", "required", "when the questionnaire was completed"));
        }
        if (!in.getSubject().hasReference()) {
            problems.add(new FieldError(QR + ".subject", "required", "Patient/" + self.id));
        } else if (!in.getSubject().getReference().equals("Patient/" + self.id)
                && !in.getSubject().getReference().endsWith("/Patient/" + self.id)) {
            throw new ProblemException(ErrorCode.FHIR_SUBJECT_MISMATCH, "A patient submits for the own record",
                    List.of(new FieldError(QR + ".subject", "not_own", "must be Patient/" + self.id)));
        }
        Map<String, Integer> index = new HashMap<>();
        ObjectNode answers = answers(in, def, index, problems);
        if (!problems.isEmpty()) {
            throw new ProblemException(ErrorCode.FHIR_INVALID_ITEMS, problems.size() + " problem(s) in the "
                    + "QuestionnaireResponse", problems);
        }
        Extension timepoint = in.getExtensionByUrl(mapping.timepointExtension());
        String timepointKey = timepoint == null ? null : timepoint.getValue().primitiveValue();
        String version = in.getQuestionnaire().contains("|")
                ? in.getQuestionnaire().substring(in.getQuestionnaire().indexOf('|') + 1) : def.version();
        Submission submission = new Submission(null, timepointKey, def.id(), version, answers,
                in.getAuthored().toInstant());
        SubmissionService.Result result;
        try {
            result = submissions.submitOwnMatchingTask(idempotencyKey, submission);
        } catch (ProblemException e) {
            throw translated(e, index);
        }
        ResponseRecord stored = records.response(result.response().id()).orElseThrow();
        return new Created(mapping.questionnaireResponse(stored, def), result.replayed());
    }

    private QuestionnaireResponse parse(String body) {
        try {
            return fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler())
                    .parseResource(QuestionnaireResponse.class, body);
        } catch (DataFormatException | ClassCastException e) {
            throw new ProblemException(ErrorCode.FHIR_INVALID_RESOURCE, "The body is not a FHIR R4 "
                    + "QuestionnaireResponse in JSON: " + e.getMessage());
        }
    }

    private InstrumentDefinition questionnaire(QuestionnaireResponse in) {
        String canonical = in.getQuestionnaire();
        String url = canonical == null ? "" : canonical.split("\\|", 2)[0];
        String prefix = mapping.base() + "/Questionnaire/";
        InstrumentDefinition def = url.startsWith(prefix)
                ? catalog.find(url.substring(prefix.length())).map(t -> t.body()).orElse(null) : null;
        if (def == null) {
            throw new ProblemException(ErrorCode.FHIR_UNKNOWN_QUESTIONNAIRE, "questionnaire must be the canonical "
                    + "of a served Questionnaire (search Questionnaire?url=...)", List.of(new FieldError(
                            QR + ".questionnaire", "unknown_questionnaire", prefix + "<id>|<version>")));
        }
        return def;
    }

    private ObjectNode answers(QuestionnaireResponse in, InstrumentDefinition def, Map<String, Integer> index,
            List<FieldError> problems) {
        ObjectNode answers = json.createObjectNode();
        List<QuestionnaireResponseItemComponent> items = in.getItem();
        for (int i = 0; i < items.size(); i++) {
            QuestionnaireResponseItemComponent item = items.get(i);
            String path = QR + ".item[" + i + "]";
            InstrumentDefinition.Item served = def.items().stream().filter(x -> x.id().equals(item.getLinkId()))
                    .findFirst().orElse(null);
            if (served == null) {
                problems.add(new FieldError(path + ".linkId", "unknown_item", "not an item of " + def.id()));
                continue;
            }
            if (index.putIfAbsent(served.id(), i) != null) {
                problems.add(new FieldError(path + ".linkId", "duplicate_item", "item given twice"));
                continue;
            }
            if (item.hasItem()) {
                problems.add(new FieldError(path + ".item", "nested_items", "items are not nested"));
            }
            if (item.getAnswer().isEmpty()) {
                answers.putNull(served.id());
                continue;
            }
            if (item.getAnswer().size() > 1) {
                problems.add(new FieldError(path + ".answer", "several_answers", "one answer per item"));
                continue;
            }
            Integer code = code(served, item.getAnswerFirstRep().getValue());
            if (code == null) {
                problems.add(new FieldError(path + ".answer[0].value", "not_an_option", options(served)));
            } else {
                answers.put(served.id(), code);
            }
        }
        return answers;
    }

    /** The integer code of an answer value, or null when it is none of the served options' forms. */
    private static Integer code(InstrumentDefinition.Item item, Type value) {
        if (FhirMapping.codedAnswers(item) && value instanceof Coding c) {
            return item.options().stream()
                    .filter(o -> FhirMapping.LOINC.equals(c.getSystem()) && o.loinc().equals(c.getCode()))
                    .map(InstrumentDefinition.Option::value).findFirst().orElse(null);
        }
        if (!FhirMapping.codedAnswers(item) && value instanceof IntegerType n && n.getValue() != null) {
            return n.getValue();
        }
        return null;
    }

    private static String options(InstrumentDefinition.Item item) {
        if (FhirMapping.codedAnswers(item)) {
            return "valueCoding with system " + FhirMapping.LOINC + " and one of " + item.options().stream()
                    .map(InstrumentDefinition.Option::loinc).toList();
        }
        return "valueInteger, one of " + item.options().stream().map(InstrumentDefinition.Option::value).toList();
    }

    /** The submission path's field names as FHIRPath expressions into the submitted resource. */
    private static ProblemException translated(ProblemException e, Map<String, Integer> index) {
        if (e.errors().isEmpty()) {
            return e;
        }
        List<FieldError> errors = e.errors().stream().map(f -> new FieldError(expression(f.field(), index),
                f.code(), f.field() != null && f.field().startsWith("answers.") && !index.containsKey(
                        f.field().substring(8)) ? f.field().substring(8) + ": " + f.message() : f.message()))
                .toList();
        return new ProblemException(e.errorCode(), e.getMessage(), errors);
    }

    private static String expression(String field, Map<String, Integer> index) {
        if (field == null) {
            return QR;
        }
        if (field.startsWith("answers.")) {
            Integer i = index.get(field.substring("answers.".length()));
            return i == null ? QR + ".item" : QR + ".item[" + i + "].answer[0].value";
        }
        return switch (field) {
            case "completedAt" -> QR + ".authored";
            case "instrumentId", "instrumentVersion" -> QR + ".questionnaire";
            case "timepointKey" -> QR + ".extension";
            default -> QR;
        };
    }
}
