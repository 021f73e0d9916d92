package io.saaskit.boot.web.admin;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.boot.web.support.RequestId;
import io.saaskit.core.billing.BillingReconciliationService;
import io.saaskit.core.billing.InboxEvent;
import io.saaskit.core.billing.InboxState;
import io.saaskit.core.billing.StripeEventService;
import io.saaskit.core.shared.FieldError;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.shared.ValidationException;
import io.saaskit.core.tenancy.OrgId;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's view of the webhook inbox and reconciliation (auth A): {@code GET /admin/stripe-events}
 * ({@code state}, {@code limit} 1 to 500, default 100; newest first), {@code POST
 * /admin/stripe-events/:stripeEventId/replay} (202, also when the queue is down: the dispatcher then enqueues the
 * re-armed row) and {@code POST /admin/reconcile} (202), for the organization named by {@code ?orgId=} or, without
 * it, for every organization with a Stripe customer; both forms need Stripe configured (400 otherwise).
 */
@RestController
public class StripeEventsAdminController {

    /** Rows listed when {@code limit} is absent. */
    static final int DEFAULT_LIMIT = 100;

    /** Most rows listed. */
    static final int MAX_LIMIT = 500;

    private final AdminTokenAuthenticator authenticator;

    private final StripeEventService events;

    private final BillingReconciliationService reconciliation;

    private final RequestContexts contexts;

    /**
     * Creates the controller.
     * @param authenticator checks the admin token
     * @param events the inbox service
     * @param reconciliation the reconciliation service
     * @param contexts builds request contexts for audit rows
     */
    public StripeEventsAdminController(AdminTokenAuthenticator authenticator, StripeEventService events,
            BillingReconciliationService reconciliation, RequestContexts contexts) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.events = Objects.requireNonNull(events, "events");
        this.reconciliation = Objects.requireNonNull(reconciliation, "reconciliation");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    /**
     * Lists inbox rows.
     * @param request the request
     * @param state only this state, or all
     * @param limit how many, 1 to 500
     * @return 200 with the rows, newest first
     */
    @GetMapping("/admin/stripe-events")
    public List<StripeEventResponse> list(HttpServletRequest request,
            @RequestParam(name = "state", required = false) @Nullable String state,
            @RequestParam(name = "limit", required = false) @Nullable String limit) {
        this.authenticator.authenticate(request);
        InboxState filter = null;
        if (state != null) {
            filter = InboxState.of(state.trim()).orElseThrow(() -> new ValidationException(List.of(new FieldError(
                    "state", "State must be one of received, processing, processed, ignored, failed, dead"))));
        }
        return this.events.list(filter, limit(limit)).stream().map(StripeEventResponse::of).toList();
    }

    private static int limit(@Nullable String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        }
        catch (NumberFormatException ex) {
            // Reported below with the range.
        }
        throw new ValidationException(List.of(new FieldError("limit", "Limit must be an integer from 1 to "
                + MAX_LIMIT)));
    }

    /**
     * Replays an event.
     * @param request the request
     * @param stripeEventId the Stripe event id
     * @return 202 {@code {id, state}}
     */
    @PostMapping("/admin/stripe-events/{stripeEventId}/replay")
    public ResponseEntity<Map<String, String>> replay(HttpServletRequest request,
            @PathVariable("stripeEventId") String stripeEventId) {
        this.authenticator.authenticate(request);
        InboxEvent replayed = this.events.replay(stripeEventId, this.contexts.of(request));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("id", replayed.id().toString(), "state", InboxState.RECEIVED.key()));
    }

    /**
     * Enqueues a reconciliation of one organization ({@code ?orgId=}) or, without {@code orgId}, of every
     * organization with a Stripe customer. Either form answers 400 when Stripe is not configured; an unknown or
     * malformed {@code orgId} is 404.
     * @param request the request
     * @param orgId one organization, or all when absent
     * @return 202 {@code {"queued":true}}
     */
    @PostMapping("/admin/reconcile")
    public ResponseEntity<Map<String, Boolean>> reconcile(HttpServletRequest request,
            @RequestParam(name = "orgId", required = false) @Nullable String orgId) {
        this.authenticator.authenticate(request);
        OrgId target = null;
        if (orgId != null) {
            // A malformed id is handled like an unknown one.
            target = OrgId.parse(orgId.trim()).orElseThrow(() -> new NotFoundException("Organization not found"));
        }
        this.reconciliation.request(target, RequestId.of(request));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("queued", true));
    }
}
