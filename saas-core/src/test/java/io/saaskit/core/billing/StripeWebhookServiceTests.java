package io.saaskit.core.billing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.billing.port.WebhookSignatureVerifier;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.port.JobQueue;
import io.saaskit.core.memory.InMemoryStripeEventInbox;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.shared.BadRequestException;
import io.saaskit.core.shared.GroupCommitSettings;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.testing.ForwardingStripeEventInbox;
import io.saaskit.core.testing.MutableClock;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link StripeWebhookService} with its {@link WebhookInboxWriter} on in-memory stores: deliveries are stored by
 * group commit with the semantics of a delivery stored alone. A payload is the Stripe id of its event, signatures
 * are valid unless they say {@code bad}.
 */
class StripeWebhookServiceTests {

    /** Long enough for concurrently posted deliveries to share one batch. */
    private static final GroupCommitSettings LINGERING = new GroupCommitSettings(200, Duration.ofMillis(300), 1,
            Duration.ofSeconds(10));

    private final MutableClock clock = new MutableClock();

    private final InMemoryStripeEventInbox inbox = new InMemoryStripeEventInbox();

    private final CountingTransactions transactions = new CountingTransactions();

    private final List<JobRequest> enqueued = Collections.synchronizedList(new ArrayList<>());

    private volatile boolean queueDown;

    private final JobQueue queue = (request) -> {
        if (this.queueDown) {
            throw new ServiceUnavailableException(null);
        }
        this.enqueued.add(request);
        this.transactions.steps.add("enqueue");
    };

    @Test
    void aJobIsEnqueuedOnlyAfterItsRowCommitted() {
        try (WebhookInboxWriter writer = writer(this.inbox, WebhookInboxWriter.defaultSettings())) {
            webhooks(writer).receive(bytes("evt_order"), "t=1,v1=00", "req-order");
        }

        assertThat(this.transactions.steps).containsExactly("begin", "commit", "begin", "enqueue", "commit");
    }

    @Test
    void concurrentDistinctDeliveriesAreAllStoredAndEnqueuedInFewerTransactions() throws Exception {
        int deliveries = 40;
        this.transactions.perCommit = Duration.ofMillis(20);
        List<WebhookReceipt> receipts;
        try (WebhookInboxWriter writer = writer(this.inbox, WebhookInboxWriter.defaultSettings())) {
            List<String> eventIds = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                eventIds.add("evt_" + i);
            }
            receipts = concurrently(webhooks(writer), eventIds);
        }

        assertThat(receipts).hasSize(deliveries).noneMatch(WebhookReceipt::duplicate);
        for (int i = 0; i < deliveries; i++) {
            assertThat(this.inbox.findByStripeEventId("evt_" + i)).as("evt_" + i).isPresent();
        }
        assertThat(this.enqueued).hasSize(deliveries).doesNotHaveDuplicates();
        assertThat(this.transactions.count.get()).as("transactions for %d deliveries", deliveries)
                .isLessThan(deliveries / 2);
    }

    @Test
    void twoDeliveriesOfOneEventInOneBatchStoreOneRowAndEnqueueOneJob() throws Exception {
        List<WebhookReceipt> receipts;
        try (WebhookInboxWriter writer = writer(this.inbox, LINGERING)) {
            receipts = concurrently(webhooks(writer), List.of("evt_same", "evt_same"));
        }

        assertThat(this.transactions.count.get()).as("one batch: its insert, then its enqueue").isEqualTo(2);
        assertThat(receipts).extracting(WebhookReceipt::duplicate).containsExactlyInAnyOrder(false, true);
        assertThat(this.inbox.list(null, 10)).hasSize(1);
        assertThat(this.enqueued).containsExactly(StripeWebhookService.job(
                this.inbox.findByStripeEventId("evt_same").orElseThrow().id()));
    }

    @Test
    void aDeliveryTheInboxRefusesFailsAloneWhileTheRestOfItsBatchIsStoredAndEnqueued() throws Exception {
        StripeEventInbox refusingBad = new RefusingInbox(this.inbox, "evt_bad");
        try (WebhookInboxWriter writer = writer(refusingBad, LINGERING)) {
            StripeWebhookService webhooks = webhooks(writer);
            CompletableFuture<WebhookReceipt> first = receiveAsync(webhooks, "evt_a");
            CompletableFuture<WebhookReceipt> bad = receiveAsync(webhooks, "evt_bad");
            CompletableFuture<WebhookReceipt> last = receiveAsync(webhooks, "evt_z");

            assertThat(first.get(10, TimeUnit.SECONDS).duplicate()).isFalse();
            assertThat(last.get(10, TimeUnit.SECONDS).duplicate()).isFalse();
            assertThat(bad).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
                    .isInstanceOf(RejectedInboxEventException.class).isInstanceOf(BadRequestException.class)
                    .withMessage("Invalid event payload");
        }

        assertThat(this.inbox.findByStripeEventId("evt_a")).isPresent();
        assertThat(this.inbox.findByStripeEventId("evt_z")).isPresent();
        assertThat(this.inbox.findByStripeEventId("evt_bad")).isEmpty();
        assertThat(this.enqueued).hasSize(2);
    }

    @Test
    void withTheQueueDownABatchIsStoredWithoutJobsAndAcknowledged() throws Exception {
        this.queueDown = true;
        List<WebhookReceipt> receipts;
        try (WebhookInboxWriter writer = writer(this.inbox, LINGERING)) {
            receipts = concurrently(webhooks(writer), List.of("evt_q1", "evt_q2", "evt_q2"));
        }

        assertThat(receipts).extracting(WebhookReceipt::duplicate).containsExactlyInAnyOrder(false, false, true);
        assertThat(this.inbox.list(InboxState.RECEIVED, 10)).hasSize(2);
        assertThat(this.enqueued).isEmpty();
    }

    @Test
    void withTheInboxDownEveryDeliveryOfTheBatchFailsAsUnavailable() throws Exception {
        StripeEventInbox down = new RefusingInbox(this.inbox, null);
        try (WebhookInboxWriter writer = writer(down, LINGERING)) {
            StripeWebhookService webhooks = webhooks(writer);
            List<CompletableFuture<WebhookReceipt>> outcomes = List.of(receiveAsync(webhooks, "evt_d1"),
                    receiveAsync(webhooks, "evt_d2"));

            for (CompletableFuture<WebhookReceipt> outcome : outcomes) {
                assertThat(outcome).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
                        .isInstanceOf(ServiceUnavailableException.class);
            }
        }
        assertThat(this.transactions.count.get()).as("not retried one by one").isEqualTo(1);
        assertThat(this.inbox.list(null, 10)).isEmpty();
        assertThat(this.enqueued).isEmpty();
    }

    @Test
    void aBadSignatureOrPayloadIsRefusedBeforeAnythingIsQueued() {
        try (WebhookInboxWriter writer = writer(this.inbox, WebhookInboxWriter.defaultSettings())) {
            StripeWebhookService webhooks = webhooks(writer);

            assertThatExceptionOfType(BadRequestException.class)
                    .isThrownBy(() -> webhooks.receive(bytes("evt_1"), "bad", null)).withMessage("Invalid signature");
            assertThatExceptionOfType(BadRequestException.class)
                    .isThrownBy(() -> webhooks.receive(bytes(""), "t=1,v1=00", null))
                    .withMessage("Invalid event payload");
        }
        assertThat(this.transactions.count.get()).isZero();
    }

    private WebhookInboxWriter writer(StripeEventInbox target, GroupCommitSettings settings) {
        return new WebhookInboxWriter(target, this.queue, this.transactions, settings);
    }

    private StripeWebhookService webhooks(WebhookInboxWriter writer) {
        return new StripeWebhookService(new SignatureCheck(), (payload) -> payload.isEmpty() ? Optional.empty()
                : Optional.of(new StripeEvent(payload, "customer.created", this.clock.instant(), null, false,
                        new StripeEvent.EventObject("customer", null, null, null, null, null, null, null, null, null,
                                null))), writer, this.clock);
    }

    private static List<WebhookReceipt> concurrently(StripeWebhookService webhooks, List<String> eventIds)
            throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(eventIds.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<WebhookReceipt>> futures = new ArrayList<>();
            for (String eventId : eventIds) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return webhooks.receive(bytes(eventId), "t=1,v1=00", "req-" + eventId);
                }));
            }
            start.countDown();
            List<WebhookReceipt> receipts = new ArrayList<>();
            for (Future<WebhookReceipt> future : futures) {
                receipts.add(future.get(30, TimeUnit.SECONDS));
            }
            return receipts;
        }
        finally {
            executor.shutdownNow();
        }
    }

    private static CompletableFuture<WebhookReceipt> receiveAsync(StripeWebhookService webhooks, String eventId) {
        return CompletableFuture.supplyAsync(() -> webhooks.receive(bytes(eventId), "t=1,v1=00", null));
    }

    private static byte[] bytes(String payload) {
        return payload.getBytes(StandardCharsets.UTF_8);
    }

    /** Accepts every signature except {@code bad}. */
    private static final class SignatureCheck implements WebhookSignatureVerifier {

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public boolean verify(byte[] body, String header, Instant now) {
            return !header.equals("bad");
        }
    }

    /** Counts units of work, each taking a while to commit as a database would. */
    private static final class CountingTransactions implements TransactionRunner {

        private final TransactionRunner delegate = new InMemoryTransactionRunner();

        private final AtomicInteger count = new AtomicInteger();

        private final List<String> steps = Collections.synchronizedList(new ArrayList<>());

        private volatile Duration perCommit = Duration.ZERO;

        @Override
        public <T extends @Nullable Object> T inTransaction(Supplier<T> work) {
            this.count.incrementAndGet();
            this.steps.add("begin");
            T result = this.delegate.inTransaction(work);
            this.steps.add("commit");
            try {
                Thread.sleep(this.perCommit.toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return result;
        }
    }

    /**
     * An inbox that refuses the data of one event, as PostgreSQL refuses a value it cannot hold, or, without one,
     * cannot be reached at all.
     */
    private static final class RefusingInbox extends ForwardingStripeEventInbox {

        private final @Nullable String refused;

        RefusingInbox(StripeEventInbox delegate, @Nullable String refused) {
            super(delegate);
            this.refused = refused;
        }

        @Override
        public InboxInsert insert(InboxEvent event) {
            check(event);
            return super.insert(event);
        }

        @Override
        public List<InboxInsert> insertAll(List<InboxEvent> events) {
            events.forEach(this::check);
            return super.insertAll(events);
        }

        private void check(InboxEvent event) {
            if (this.refused == null) {
                throw new IllegalStateException("connection refused");
            }
            if (event.stripeEventId().equals(this.refused)) {
                throw new RejectedInboxEventException();
            }
        }
    }
}
