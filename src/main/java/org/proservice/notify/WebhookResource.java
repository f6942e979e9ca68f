package org.proservice.notify;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.proservice.error.Problem;
import org.proservice.notify.WebhookDtos.Delivery;
import org.proservice.notify.WebhookDtos.DeliveryPage;
import org.proservice.notify.WebhookDtos.NewSubscription;
import org.proservice.notify.WebhookDtos.RotateSecret;
import org.proservice.notify.WebhookDtos.RotatedSecret;
import org.proservice.notify.WebhookDtos.Subscription;
import org.proservice.security.Roles;

/**
 * Webhook subscriptions of a study (admin). Deliveries are thin, signed POSTs; see {@link WebhookSignature} for the
 * headers, the body and how receivers verify them, and {@link NoticeData} for what a notice may carry.
 */
@Path("/api/v1/studies/{studyId}/webhooks")
@Tag(name = "Webhooks", description = """
        Signed webhook notices of a study (alert raised, response stored, task opened or closing): subscriptions, \
        secret rotation, delivery log, redelivery. Admins only. Notices are thin: type, ids and API links, nothing \
        clinical; receivers fetch details with their own credentials. Signed the Standard Webhooks way: headers \
        webhook-id (idempotent event id), webhook-timestamp (unix seconds) and webhook-signature: space-separated \
        "v1," + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)), key = base64-decoded part of the \
        whsec_ secret; two signatures while a rotation's overlap lasts. https only outside dev and test. Delivery \
        is at least once: receivers de-duplicate by webhook-id.""")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "No such study, subscription or delivery",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WebhookResource {

    @Inject
    WebhookService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhookSubscription", summary = "Subscribe a URL to the study's notices",
            description = "The secret (whsec_ + base64) is write-only: it signs every delivery and is never "
                    + "returned. The URL must be https unless pro.notify.allow-http is on (dev and test only).")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Subscription.class)))
    @APIResponse(responseCode = "400", description = "Invalid URL, secret or event types",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The study has the maximum number of subscriptions",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The URL is not https (PRO-1410), or text that cannot be "
            + "stored (PRO-1027); naming the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<Subscription> create(@PathParam("studyId") UUID studyId, NewSubscription body,
            @jakarta.ws.rs.core.Context UriInfo uri) {
        Subscription created = service.create(studyId, body);
        return RestResponse.ResponseBuilder.<Subscription>create(Response.Status.CREATED)
                .location(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    @Operation(operationId = "listWebhookSubscriptions", summary = "The study's webhook subscriptions")
    @APIResponse(responseCode = "200", description = "Subscriptions, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Subscription.class)))
    public List<Subscription> list(@PathParam("studyId") UUID studyId) {
        return service.list(studyId);
    }

    @GET
    @Path("{subscriptionId}")
    @Operation(operationId = "getWebhookSubscription", summary = "One webhook subscription")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Subscription.class)))
    public Subscription get(@PathParam("studyId") UUID studyId, @PathParam("subscriptionId") UUID subscriptionId) {
        return service.get(studyId, subscriptionId);
    }

    @DELETE
    @Path("{subscriptionId}")
    @Operation(operationId = "deleteWebhookSubscription", summary = "Stop a webhook",
            description = "Deliveries still waiting are cancelled; the delivery log is kept.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("studyId") UUID studyId, @PathParam("subscriptionId") UUID subscriptionId) {
        service.delete(studyId, subscriptionId);
    }

    @POST
    @Path("{subscriptionId}/rotate-secret")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rotateWebhookSecret", summary = "Give a webhook a new signing secret",
            description = "Generates a new secret and returns it this once. During the overlap (overlapMinutes, "
                    + "default 24 h) every delivery carries two signatures, made with the new and the old secret; "
                    + "afterwards only the new one signs. The body is optional.")
    @APIResponse(responseCode = "200", description = "The new secret (not stored by caches: Cache-Control no-store)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RotatedSecret.class)))
    @APIResponse(responseCode = "400", description = "overlapMinutes out of range (PRO-1002)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<RotatedSecret> rotateSecret(@PathParam("studyId") UUID studyId,
            @PathParam("subscriptionId") UUID subscriptionId,
            @RequestBody(required = false, description = "Optional; without it the overlap is 24 h") RotateSecret body) {
        return RestResponse.ResponseBuilder.ok(service.rotateSecret(studyId, subscriptionId, body))
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("{subscriptionId}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "Delivery log of a webhook, newest first")
    @APIResponse(responseCode = "200", description = "A page of deliveries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeliveryPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid state or limit (PRO-1002) or cursor (PRO-1200)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeliveryPage deliveries(@PathParam("studyId") UUID studyId,
            @PathParam("subscriptionId") UUID subscriptionId,
            @Parameter(description = "Only deliveries in this state",
                    schema = @Schema(type = SchemaType.STRING,
                            enumeration = { "pending", "in_flight", "delivered", "failed", "cancelled" }))
            @QueryParam("state") String state,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1..200 (default 50)") @QueryParam("limit") Integer limit) {
        return service.deliveries(studyId, subscriptionId, state, cursor, limit);
    }

    @POST
    @Path("{subscriptionId}/deliveries/{deliveryId}/redeliver")
    @Operation(operationId = "redeliverWebhookDelivery", summary = "Send a delivery again",
            description = "Resets the delivery to pending, due now, with a fresh set of attempts. The receiver gets "
                    + "the same event id (webhook-id) again.")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Delivery.class)))
    @APIResponse(responseCode = "409", description = "The delivery is being attempted right now (PRO-1400)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<Delivery> redeliver(@PathParam("studyId") UUID studyId,
            @PathParam("subscriptionId") UUID subscriptionId, @PathParam("deliveryId") UUID deliveryId) {
        return RestResponse.accepted(service.redeliver(studyId, subscriptionId, deliveryId));
    }
}
