package io.saaskit.core.shared;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PerThreadSecureRandomTests {

    @Test
    void longsNeverRepeatAcrossManyBlocks() {
        Set<Long> seen = new HashSet<>();
        int count = 20 * PerThreadSecureRandom.BLOCK_BYTES;
        for (int i = 0; i < count; i++) {
            seen.add(PerThreadSecureRandom.nextLong());
        }

        assertThat(seen).hasSize(count);
    }

    @Test
    void everyBitOfTheLongsIsRandom() {
        int draws = 20_000;
        int[] ones = new int[Long.SIZE];
        for (int i = 0; i < draws; i++) {
            long value = PerThreadSecureRandom.nextLong();
            for (int bit = 0; bit < Long.SIZE; bit++) {
                ones[bit] += (int) ((value >>> bit) & 1);
            }
        }

        // Each bit is set in half the draws; 8 standard deviations (sqrt(20000) / 2 = 71) never fail by chance.
        assertThat(IntStream.of(ones).boxed().toList())
                .allSatisfy((count) -> assertThat(count).isBetween(draws / 2 - 570, draws / 2 + 570));
    }

    @Test
    void arraysLongerThanABlockAreFilledAcrossRefillsWithoutRepeatingABlock() {
        byte[] bytes = new byte[3 * PerThreadSecureRandom.BLOCK_BYTES + 7];

        PerThreadSecureRandom.nextBytes(bytes);

        Set<String> chunks = new HashSet<>();
        for (int start = 0; start + 16 <= bytes.length; start += 16) {
            chunks.add(HexFormat.of().formatHex(bytes, start, start + 16));
        }
        assertThat(chunks).hasSize(bytes.length / 16);
        assertThat(bytes[bytes.length - 1] | bytes[bytes.length - 2] | bytes[bytes.length - 3]).isNotZero();
    }

    @Test
    void smallArraysAndLongsShareTheBlockWithoutHandingOutAByteTwice() {
        Set<String> values = new HashSet<>();
        int draws = 4 * PerThreadSecureRandom.BLOCK_BYTES;
        for (int i = 0; i < draws; i++) {
            byte[] bytes = new byte[12];
            PerThreadSecureRandom.nextBytes(bytes);
            values.add(HexFormat.of().formatHex(bytes));
            values.add(Long.toHexString(PerThreadSecureRandom.nextLong()));
        }

        assertThat(values).hasSize(2 * draws);
    }

    @Test
    void concurrentThreadsGetDistinctValues() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<Long>>> tasks = IntStream.range(0, 8).<Callable<List<Long>>>mapToObj((i) -> () -> {
                List<Long> values = new ArrayList<>();
                for (int n = 0; n < 5_000; n++) {
                    values.add(PerThreadSecureRandom.nextLong());
                }
                return values;
            }).toList();
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> result : threads.invokeAll(tasks)) {
                all.addAll(result.get());
            }

            assertThat(all).hasSize(8 * 5_000);
        }
        finally {
            threads.shutdownNow();
        }
    }
}
