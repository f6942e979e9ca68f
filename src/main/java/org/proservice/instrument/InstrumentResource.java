package org.proservice.instrument;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem;
import org.proservice.error.ProblemException;
import org.proservice.platform.FhirSupport;
import org.proservice.security.Roles;

/** The instrument catalog, FHIR Questionnaires and stateless scoring. Any signed-in role may use them. */
@Path("/api/v1/instruments")
@Tag(name = "Instruments")
@RolesAllowed({ Roles.PATIENT, Roles.CLINICIAN, Roles.ADMIN })
public class InstrumentResource {

    private static final String CACHE_CONTROL = "private, max-age=3600";

    private final InstrumentCatalog catalog;
    private final FhirQuestionnaires questionnaires;
    private final ScoringService scoring;

    InstrumentResource(InstrumentCatalog catalog, FhirQuestionnaires questionnaires, ScoringService scoring) {
        this.catalog = catalog;
        this.questionnaires = questionnaires;
        this.scoring = scoring;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listInstruments", summary = "List the instruments of the catalog",
            description = "Current version of every instrument. Cacheable: send If-None-Match with the ETag.")
    @APIResponse(responseCode = "200", description = "The catalog", headers = {
            @Header(name = "ETag", description = "Strong entity tag of the body"),
            @Header(name = "Cache-Control", description = "private, max-age=3600") },
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = InstrumentSummary.class)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched)")
    public RestResponse<List<InstrumentSummary>> list(@Context Request request) {
        return conditional(request, catalog.summaries());
    }

    @GET
    @Path("schema")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getInstrumentDefinitionSchema", summary = "The JSON Schema of instrument definitions",
            description = "The format of a definition file (JSON Schema 2020-12), as the service checks it at "
                    + "start-up: items, options, licence, and the scoring rules as data (total, subscales, bands, "
                    + "flags, measures with change and responder rules, alerts). See docs/add-an-instrument.md.")
    @APIResponse(responseCode = "200", description = "JSON Schema document", headers = {
            @Header(name = "ETag", description = "Strong entity tag of the body"),
            @Header(name = "Cache-Control", description = "private, max-age=3600") },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    description = "JSON Schema 2020-12")))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched)")
    public RestResponse<String> definitionSchema(@Context Request request) {
        return conditional(request, catalog.schema());
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getInstrument", summary = "One instrument: items, options, codes, licence, scoring notes",
            description = "An instrument whose definition ships neutral labels (BPI-SF) is served with them unless "
                    + "the deployment configures licensed wording; `wording` says which. Cacheable: send "
                    + "If-None-Match with the ETag.")
    @APIResponse(responseCode = "200", description = "The instrument", headers = {
            @Header(name = "ETag", description = "Strong entity tag of the body"),
            @Header(name = "Cache-Control", description = "private, max-age=3600") },
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InstrumentDefinition.class)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched)")
    @APIResponse(responseCode = "404", description = "Unknown instrument (PRO-1017)", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<InstrumentDefinition> get(
            @Parameter(description = "Instrument id", example = "phq9") @PathParam("id") String id,
            @Parameter(description = "Preferred languages; the instrument's own language when none of them is "
                    + "available (the body's `language` and Content-Language say which was served)")
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
            @Context Request request) {
        Tagged<InstrumentDefinition> d = catalog.find(id, acceptLanguage)
                .orElseThrow(InstrumentResource::unknownInstrument);
        return localized(conditional(request, d), d.body().language());
    }

    @GET
    @Path("{id}/fhir")
    @Produces({ FhirSupport.FHIR_JSON, MediaType.APPLICATION_JSON })
    @Operation(operationId = "getInstrumentQuestionnaire", summary = "The instrument as a FHIR R4 Questionnaire",
            description = "linkId = item id; LOINC item codes and answer codings where known, integer options "
                    + "otherwise. Cacheable: send If-None-Match with the ETag.")
    @APIResponse(responseCode = "200", description = "FHIR R4 Questionnaire resource", headers = {
            @Header(name = "ETag", description = "Strong entity tag of the body"),
            @Header(name = "Cache-Control", description = "private, max-age=3600") },
            content = { @Content(mediaType = FhirSupport.FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    description = "FHIR R4 Questionnaire")),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                            description = "FHIR R4 Questionnaire (when Accept asks for plain JSON)")) })
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched)")
    @APIResponse(responseCode = "404", description = "Unknown instrument (PRO-1017)", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "Accept names neither application/fhir+json nor "
            + "application/json", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public RestResponse<String> questionnaire(
            @Parameter(description = "Instrument id", example = "phq9") @PathParam("id") String id,
            @Parameter(description = "Preferred languages; the Questionnaire's `language` says which was served")
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
            @Context Request request) {
        String language = catalog.find(id, acceptLanguage).orElseThrow(InstrumentResource::unknownInstrument).body()
                .language();
        return localized(conditional(request, questionnaires.find(id, acceptLanguage)
                .orElseThrow(InstrumentResource::unknownInstrument)), language);
    }

    @POST
    @Path("{id}/score")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "scoreAnswers", summary = "Score answers without storing them",
            description = "Validates every answer against the instrument, then scores it. An invalid answer "
                    + "anywhere means nothing is scored: 422 lists every offending item. Nothing is stored.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ScoreRequest.class),
            examples = @ExampleObject(name = "phq9-one-missing", value = """
                    {"answers": {"phq9_q1": 2, "phq9_q2": 1, "phq9_q3": 1, "phq9_q4": 2, "phq9_q5": 0, \
                    "phq9_q6": 1, "phq9_q7": 0, "phq9_q8": null, "phq9_q9": 1, "phq9_difficulty": 1}}""")))
    @APIResponse(responseCode = "200", description = "The score", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScoreView.class),
            examples = @ExampleObject(name = "phq9-one-missing", value = """
                    {"instrumentId": "phq9", "instrumentVersion": "1.0", "scoringVersion": "phq9-scoring-1.0", \
                    "scorable": true, "total": 9, "rawSum": 8, "itemsAnswered": 8, "proratedUnrounded": 9.0, \
                    "subscales": {}, "endorsed": null, "interferenceItemsAnswered": null, "band": "mild", \
                    "provisionalDiagnosis": null, "flags": ["item9_positive", "prorated"]}""")))
    @APIResponse(responseCode = "400", description = "Malformed JSON (PRO-1001) or no `answers` object (PRO-1002)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown instrument (PRO-1017)", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body is not application/json (PRO-1006)", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Answers do not fit the instrument (PRO-1015); `errors` "
            + "lists every offending item as answers.<itemId> with code unknown_item, value_out_of_range "
            + "(also for fractions) or wrong_type (not a JSON number)", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public ScoreView score(@Parameter(description = "Instrument id", example = "phq9") @PathParam("id") String id,
            ScoreRequest body) {
        scoring.scorer(id);
        if (body == null || body.answers() == null) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "The request body needs an answers object",
                    List.of(new Problem.FieldError("answers", "required",
                            "must be an object mapping item ids to integer codes (null = unanswered)")));
        }
        return ScoreView.of(scoring.score(id, body.answers()));
    }

    private static ProblemException unknownInstrument() {
        return new ProblemException(ErrorCode.UNKNOWN_INSTRUMENT, "There is no instrument with this id");
    }

    private static <T> RestResponse<T> localized(RestResponse<T> response, String language) {
        return RestResponse.ResponseBuilder.fromResponse(response).header(HttpHeaders.CONTENT_LANGUAGE, language)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).build();
    }

    private static <T> RestResponse<T> conditional(Request request, Tagged<T> tagged) {
        EntityTag tag = new EntityTag(tagged.etag());
        if (request.evaluatePreconditions(tag) != null) {
            return RestResponse.ResponseBuilder.<T>create(RestResponse.Status.NOT_MODIFIED).tag(tag)
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
        }
        return RestResponse.ResponseBuilder.ok(tagged.body()).tag(tag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
    }
}
