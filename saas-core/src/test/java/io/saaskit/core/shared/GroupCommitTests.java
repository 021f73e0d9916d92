package io.saaskit.core.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GroupCommitTests {

    private static final GroupCommitSettings SETTINGS = new GroupCommitSettings(100, Duration.ZERO, 1,
            Duration.ofSeconds(10));

    /** The batches written, each as the list of its items. */
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());

    @Test
    void eachCallerGetsItsOwnItemsResultOnceItsBatchIsWritten() {
        try (GroupCommit<String, String> commits = new GroupCommit<>("test", recording(upperCase(Duration.ZERO)),
                BadItemException.class::isInstance, SETTINGS)) {
            assertThat(commits.commit("a")).isEqualTo("A");
            assertThat(commits.commit("b")).isEqualTo("B");
        }
        assertThat(this.batches).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void concurrentCallersShareBatches() throws Exception {
        int callers = 40;
        ExecutorService executor = Executors.newFixedThreadPool(callers);
        try (GroupCommit<String, String> commits = new GroupCommit<>("test", recording(upperCase(Duration.ofMillis(20))),
                BadItemException.class::isInstance, SETTINGS)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String item = "item" + i;
                results.add(executor.submit(() -> {
                    start.await();
                    return commits.commit(item);
                }));
            }
            start.countDown();
            for (int i = 0; i < callers; i++) {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("ITEM" + i);
            }
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(this.batches.stream().mapToInt(List::size).sum()).isEqualTo(callers);
        assertThat(this.batches).as("batches for %d items", callers).hasSizeLessThan(callers / 2);
    }

    @Test
    void withAnIntervalALoneItemGoesAtOnceAndItemsArrivingWithinTheIntervalGoTogether() throws Exception {
        GroupCommitSettings settings = new GroupCommitSettings(100, Duration.ZERO, 1, Duration.ofSeconds(10),
                Duration.ofSeconds(2));
        try (GroupCommit<String, String> commits = new GroupCommit<>("test", recording(upperCase(Duration.ZERO)),
                BadItemException.class::isInstance, settings)) {
            assertThat(CompletableFuture.supplyAsync(() -> commits.commit("a")).get(1, TimeUnit.SECONDS))
                    .as("after a quiet interval, not held back").isEqualTo("A");

            CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> commits.commit("b"));
            CompletableFuture<String> c = CompletableFuture.supplyAsync(() -> commits.commit("c"));

            assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("B");
            assertThat(c.get(10, TimeUnit.SECONDS)).isEqualTo("C");
        }
        assertThat(this.batches).hasSize(2);
        assertThat(this.batches.get(0)).containsExactly("a");
        assertThat(this.batches.get(1)).as("both waited for the interval that began with the first batch")
                .containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void aBatchNeverCarriesMoreThanMaxBatchItems() throws Exception {
        GroupCommitSettings settings = new GroupCommitSettings(3, Duration.ofMillis(300), 1, Duration.ofSeconds(10));
        try (GroupCommit<String, String> commits = new GroupCommit<>("test", recording(upperCase(Duration.ZERO)),
                BadItemException.class::isInstance, settings)) {
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                String item = "item" + i;
                results.add(CompletableFuture.supplyAsync(() -> commits.commit(item)));
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        }
        assertThat(this.batches).allSatisfy((batch) -> assertThat(batch).hasSizeLessThanOrEqualTo(3));
        assertThat(this.batches.stream().mapToInt(List::size).sum()).isEqualTo(7);
    }

    @Test
    void aRefusedBatchIsRetriedItemByItemSoOnlyTheOffendingCallerFails() throws Exception {
        GroupCommitSettings lingering = new GroupCommitSettings(100, Duration.ofMillis(300), 1,
                Duration.ofSeconds(10));
        Function<List<String>, List<String>> refusingBad = recording((items) -> {
            if (items.contains("bad")) {
                throw new BadItemException();
            }
            return upperCase(Duration.ZERO).apply(items);
        });
        try (GroupCommit<String, String> commits = new GroupCommit<>("test", refusingBad,
                BadItemException.class::isInstance, lingering)) {
            CompletableFuture<String> good = CompletableFuture.supplyAsync(() -> commits.commit("good"));
            CompletableFuture<String> bad = CompletableFuture.supplyAsync(() -> commits.commit("bad"));
            CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> commits.commit("other"));

            assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo("GOOD");
            assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo("OTHER");
            assertThat(bad).failsWithin(Duration.ofSeconds(10))
                    .withThrowableThat().havingCause().isExactlyInstanceOf(BadItemException.class);
        }
        assertThat(this.batches).hasSize(4);
        assertThat(this.batches.get(0)).as("the refused batch").hasSize(3);
        assertThat(this.batches.subList(1, 4)).as("its items, one by one").allSatisfy((batch) -> assertThat(batch)
                .hasSize(1));
    }

    @Test
    void anyOtherFailureFailsEveryCallerOfTheBatchAsUnavailableWithoutRetrying() throws Exception {
        GroupCommitSettings lingering = new GroupCommitSettings(100, Duration.ofMillis(300), 1,
                Duration.ofSeconds(10));
        Function<List<String>, List<String>> failing = recording((items) -> {
            throw new IllegalStateException("disk full");
        });
        try (GroupCommit<String, String> commits = new GroupCommit<>("test", failing,
                BadItemException.class::isInstance, lingering)) {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> commits.commit("a"));
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> commits.commit("b"));

            for (CompletableFuture<String> outcome : List.of(first, second)) {
                assertThat(outcome).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
                        .isInstanceOf(ServiceUnavailableException.class).havingCause().withMessage("disk full");
            }
        }
        assertThat(this.batches).hasSize(1);
    }

    @Test
    void aBatchFunctionThatLosesResultsFailsItsCallersAsUnavailable() {
        try (GroupCommit<String, String> commits = new GroupCommit<>("test", (items) -> List.of(),
                BadItemException.class::isInstance, SETTINGS)) {
            assertThatExceptionOfType(ServiceUnavailableException.class).isThrownBy(() -> commits.commit("a"))
                    .withCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void anItemNotTakenBeforeTheTimeoutIsWithdrawnAndNeverWritten() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        Function<List<String>, List<String>> stalling = recording((items) -> {
            firstBatchStarted.countDown();
            await(release);
            return items;
        });
        GroupCommitSettings settings = new GroupCommitSettings(1, Duration.ZERO, 1, Duration.ofMillis(200));
        try (GroupCommit<String, String> commits = new GroupCommit<>("test", stalling,
                BadItemException.class::isInstance, settings)) {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> commits.commit("first"));
            assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatExceptionOfType(ServiceUnavailableException.class).isThrownBy(() -> commits.commit("late"));
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).as("taken before the timeout: waits for its outcome")
                    .isEqualTo("first");
        }
        assertThat(this.batches).containsExactly(List.of("first"));
    }

    @Test
    void closeWritesQueuedItemsAndRefusesNewOnes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        Function<List<String>, List<String>> stallingFirst = recording((items) -> {
            firstBatchStarted.countDown();
            await(release);
            return items;
        });
        GroupCommit<String, String> commits = new GroupCommit<>("test", stallingFirst,
                BadItemException.class::isInstance, SETTINGS);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> commits.commit("first"));
        assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> commits.commit("queued"));
        Thread.sleep(100);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(commits::close);
        Thread.sleep(100);
        assertThatExceptionOfType(ServiceUnavailableException.class).isThrownBy(() -> commits.commit("after"));
        release.countDown();
        closing.get(10, TimeUnit.SECONDS);

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo("queued");
        assertThat(this.batches).containsExactly(List.of("first"), List.of("queued"));
    }

    @Test
    void settingsAreChecked() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new GroupCommitSettings(0, Duration.ZERO, 1, Duration.ofSeconds(1)));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new GroupCommitSettings(1, Duration.ZERO, 0, Duration.ofSeconds(1)));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new GroupCommitSettings(1, Duration.ofMillis(-1), 1, Duration.ofSeconds(1)));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new GroupCommitSettings(1, Duration.ZERO, 1, Duration.ZERO));
    }

    /** The batch function, recording every batch it is called with (a failed one too). */
    private Function<List<String>, List<String>> recording(Function<List<String>, List<String>> batch) {
        return (items) -> {
            this.batches.add(List.copyOf(items));
            return batch.apply(items);
        };
    }

    /** Upper-cases every item, taking a while per batch as a database commit would. */
    private static Function<List<String>, List<String>> upperCase(Duration perBatch) {
        return (items) -> {
            try {
                Thread.sleep(perBatch.toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return items.stream().map(String::toUpperCase).toList();
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** A refusal of one item's data. */
    private static final class BadItemException extends BadRequestException {

        private static final long serialVersionUID = 1L;

        BadItemException() {
            super("bad item");
        }
    }
}
