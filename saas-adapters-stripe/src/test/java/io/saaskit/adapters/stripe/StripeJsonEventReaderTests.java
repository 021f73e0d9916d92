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
    void valuesThatCannotBeStoredFaithfullyAreRefused() {
        String valid = StripePayloads.subscriptionEvent("customer.subscription.updated", "evt_ok", CREATED,
                StripePayloads.subscription("sub_1Abc", "cus_1Abc", "price_pro", "active", START, END, "org-1"));
        assertThat(this.reader.read(valid)).isPresent();

        assertThat(this.reader.read(valid.replace("evt_ok", "evt_\\u0000x"))).as("NUL in id").isEmpty();
        assertThat(this.reader.read(valid.replace("customer.subscription.updated",
                "customer.subscription.updated\\u0000"))).as("NUL in type").isEmpty();
        assertThat(this.reader.read(valid.replace(StripePayloads.API_VERSION, "2026\\u0000")))
                .as("NUL in api_version").isEmpty();
        assertThat(this.reader.read(valid.replace("evt_ok", "evt_\\u0007"))).as("control character").isEmpty();
        assertThat(this.reader.read(valid.replace("evt_ok", "evt_\\ud800"))).as("lone high surrogate").isEmpty();
        assertThat(this.reader.read(valid.replace("evt_ok", "evt_\\udc00"))).as("lone low surrogate").isEmpty();
        assertThat(this.reader.read(valid.replace("\"status\": \"active\"", "\"status\": \"act\\u0000ive\"")))
                .as("NUL in a stored object field").isEmpty();
        assertThat(this.reader.read(valid.replace("evt_ok", "evt_\0"))).as("raw NUL").isEmpty();
        assertThat(this.reader.read(valid.replace("evt_ok", "evt_\\ud83d\\ude00")).orElseThrow().id())
                .isEqualTo("evt_\ud83d\ude00");
    }

    @Test
    void timestampsOutsideTheYears2000To9999AreRefused() {
        String valid = StripePayloads.otherEvent("customer.created", "evt_t", CREATED);
        String created = "\"created\": " + CREATED.getEpochSecond();
        assertThat(valid).contains(created);

        assertThat(this.reader.read(valid.replace(created, "\"created\": -99999999999999"))).isEmpty();
        assertThat(this.reader.read(valid.replace(created, "\"created\": 946684799"))).isEmpty();
        assertThat(this.reader.read(valid.replace(created, "\"created\": 253402300800"))).isEmpty();
        assertThat(this.reader.read(valid.replace(created, "\"created\": 946684800"))).isPresent();
        String subscription = StripePayloads.subscriptionEvent("customer.subscription.updated", "evt_p", CREATED,
                StripePayloads.subscription("sub_1", "cus_1", "price_pro", "active", START, END, null));
        assertThat(this.reader.read(subscription.replace("\"current_period_end\": " + END.getEpochSecond(),
                "\"current_period_end\": 99999999999999"))).isEmpty();
    }

    @Test
    void aRepeatedMemberNameIsRefusedAtAnyDepth() {
        String valid = StripePayloads.otherEvent("customer.created", "evt_d", CREATED);

        assertThat(this.reader.read(valid.replaceFirst("\\{", "{\"id\": \"evt_other\", "))).isEmpty();
        assertThat(this.reader.read("{\"id\":\"evt_n\",\"type\":\"invoice.paid\",\"created\":1772366400,"
                + "\"data\":{\"object\":{\"object\":\"invoice\",\"id\":\"in_1\",\"id\":\"in_2\"}}}")).isEmpty();
        assertThat(this.reader.read("{\"id\":\"evt_n\",\"type\":\"invoice.paid\",\"created\":1772366400} x"))
                .as("trailing content").isEmpty();
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
                {"id":"evt_i1","type":"invoice.payment_failed","created":1772366400,"data":{"object":{"id":"in_1",
                 "object":"invoice","customer":"cus_1","metadata":{},"parent":{"type":"subscription_details",
                 "subscription_details":{"metadata":{"orgId":"org-new"},"subscription":"sub_1"}}}}}
                """;
        String older = """
                {"id":"evt_i2","type":"invoice.paid","created":1772366400,
                 "data":{"object":{"id":"in_2","object":"invoice","customer":"cus_1","subscription":"sub_2","subscription_details":{"metadata":{"orgId":"org-old"}}}}}
                """;

        assertThat(this.reader.read(current).orElseThrow().object().metadataOrgId()).isEqualTo("org-new");
        assertThat(this.reader.read(older).orElseThrow().object().metadataOrgId()).isEqualTo("org-old");
        assertThat(this.reader.read(older).orElseThrow().object().subscriptionId()).isEqualTo("sub_2");
    }

    @Test
    void payloadsThatAreNotEventsAreRefused() {
        for (String payload : new String[] { "", "not json", "[]", "{}", "{\"id\":\"evt\",\"type\":\"x\"}",
                "{\"id\":\"evt\",\"created\":1772366400}", "{\"type\":\"x\",\"created\":1772366400}",
                "{\"id\":5,\"type\":\"x\",\"created\":1772366400}",
                "{\"id\":\"evt\",\"type\":\"x\",\"created\":\"soon\"}",
                "{\"id\":\"evt\",\"type\":\"x\",\"created\":1.5}",
                "{\"id\":\"evt\",\"type\":\"x\",\"created\":1e40}" }) {
            assertThat(this.reader.read(payload)).as(payload).isEmpty();
        }
    }

    @Test
    void anEventWithoutDataStillReads() {
        assertThat(this.reader.read("{\"id\":\"evt_x\",\"type\":\"ping\",\"created\":1772366400}")).get()
                .extracting((event) -> event.object().objectType()).isEqualTo("unknown");
    }
}
