package io.saaskit.adapters.stripe;

import java.time.Instant;

import io.saaskit.core.billing.StripeEvent;
import io.saaskit.core.billing.StripeSubscription;
import io.saaskit.core.testing.StripePayloads;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StripeJsonEventReaderTests {

    private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    private static final Instant END = Instant.parse("2026-04-01T00:00:00Z");

    private final StripeJsonEventReader reader = new StripeJsonEventReader();

    @Test
    void aSubscriptionEventTakesPriceAndPeriodFromItsFirstItem() {
        String payload = StripePayloads.subscriptionEvent("customer.subscription.updated", "evt_1Upd", CREATED,
                StripePayloads.subscription("sub_1Abc", "cus_1Abc", "price_pro", "active", START, END, "org-1"));

        StripeEvent event = this.reader.read(payload).orElseThrow();

        assertThat(event.id()).isEqualTo("evt_1Upd");
        assertThat(event.type()).isEqualTo("customer.subscription.updated");
        assertThat(event.created()).isEqualTo(CREATED);
        assertThat(event.apiVersion()).isEqualTo(StripePayloads.API_VERSION);
        assertThat(event.object().subscription()).isEqualTo(new StripeSubscription("sub_1Abc", "cus_1Abc",
                "price_pro", "active", START, END, false, "org-1"));
        assertThat(event.object().subscriptionId()).isEqualTo("sub_1Abc");
        assertThat(event.object().metadataOrgId()).isEqualTo("org-1");
    }

    @Test
    void aTopLevelPeriodOfOlderApiVersionsWins() {
        String payload = """
                {"id":"evt_old","object":"event","type":"customer.subscription.created","created":1772366400,
                 "data":{"object":{"id":"sub_old","object":"subscription",
                  "customer":{"id":"cus_old","object":"customer"},
                  "status":"trialing","current_period_start":1772323200,"current_period_end":1775001600,
                  "cancel_at_period_end":true,"metadata":{},
                  "items":{"object":"list","data":[{"id":"si_1","plan":{"id":"price_legacy"}}]}}}}
                """;

        StripeSubscription subscription = this.reader.read(payload).orElseThrow().object().subscription();

        assertThat(subscription).isEqualTo(new StripeSubscription("sub_old", "cus_old", "price_legacy", "trialing",
                START, END, true, null));
    }

    @Test
    void aCheckoutSessionCarriesItsOrganizationCustomerAndSubscription() {
        String payload = StripePayloads.checkoutCompleted("evt_1Chk", CREATED, "org-9", "cus_9", "sub_9", "paid");

        StripeEvent.EventObject session = this.reader.read(payload).orElseThrow().object();

        assertThat(session.objectType()).isEqualTo("checkout.session");
        assertThat(session.clientReferenceId()).isEqualTo("org-9");
        assertThat(session.metadataOrgId()).isEqualTo("org-9");
        assertThat(session.customerId()).isEqualTo("cus_9");
        assertThat(session.subscriptionId()).isEqualTo("sub_9");
        assertThat(session.mode()).isEqualTo("subscription");
        assertThat(session.paymentStatus()).isEqualTo("paid");
        assertThat(session.subscription()).isNull();
    }

    @Test
    void anInvoiceNamesItsSubscriptionUnderItsParent() {
        String payload = StripePayloads.invoice("invoice.paid", "evt_1Inv", CREATED, "in_1", "cus_1", "sub_1", 2000);

        StripeEvent.EventObject invoice = this.reader.read(payload).orElseThrow().object();

        assertThat(invoice.objectId()).isEqualTo("in_1");
        assertThat(invoice.subscriptionId()).isEqualTo("sub_1");
        assertThat(invoice.amountPaid()).isEqualTo(2000L);
        assertThat(invoice.currency()).isEqualTo("usd");
    }

    @Test
    void anInvoiceCarriesItsSubscriptionsOrganization() {
        String current = """
                {"id":"evt_i1","type":"invoice.payment_failed","created":1,"data":{"object":{"id":"in_1",
                 "object":"invoice","customer":"cus_1","metadata":{},"parent":{"type":"subscription_details",
                 "subscription_details":{"metadata":{"orgId":"org-new"},"subscription":"sub_1"}}}}}
                """;
        String older = """
                {"id":"evt_i2","type":"invoice.paid","created":1,"data":{"object":{"id":"in_2","object":"invoice",
                 "customer":"cus_1","subscription":"sub_2","subscription_details":{"metadata":{"orgId":"org-old"}}}}}
                """;

        assertThat(this.reader.read(current).orElseThrow().object().metadataOrgId()).isEqualTo("org-new");
        assertThat(this.reader.read(older).orElseThrow().object().metadataOrgId()).isEqualTo("org-old");
        assertThat(this.reader.read(older).orElseThrow().object().subscriptionId()).isEqualTo("sub_2");
    }

    @Test
    void payloadsThatAreNotEventsAreRefused() {
        for (String payload : new String[] { "", "not json", "[]", "{}", "{\"id\":\"evt\",\"type\":\"x\"}",
                "{\"id\":\"evt\",\"created\":1}", "{\"type\":\"x\",\"created\":1}",
                "{\"id\":5,\"type\":\"x\",\"created\":1}", "{\"id\":\"evt\",\"type\":\"x\",\"created\":\"soon\"}",
                "{\"id\":\"evt\",\"type\":\"x\",\"created\":1.5}",
                "{\"id\":\"evt\",\"type\":\"x\",\"created\":1e40}" }) {
            assertThat(this.reader.read(payload)).as(payload).isEmpty();
        }
    }

    @Test
    void anEventWithoutDataStillReads() {
        assertThat(this.reader.read("{\"id\":\"evt_x\",\"type\":\"ping\",\"created\":1}")).get()
                .extracting((event) -> event.object().objectType()).isEqualTo("unknown");
    }
}
