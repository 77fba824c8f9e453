package org.zhijian.export;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading ahead keeps every row in order, passes the source's failure on, and stops when closed. */
class TestPrefetch
{
    @Test
    void everyRowArrivesInOrderWhateverTheBatchAndQueueSizes()
    {
        List<Integer> source = IntStream.range(0, 10_007).boxed().toList();
        for (int[] sizes : new int[][] {{1, 1}, {2, 3}, {16, 2048}, {4, 20_000}}) {
            List<Integer> read = new ArrayList<>();
            try (Prefetch<Integer> prefetch = new Prefetch<>(source.iterator(), sizes[0], sizes[1], "test-prefetch")) {
                prefetch.forEachRemaining(read::add);
                assertThat(prefetch.hasNext()).isFalse();
            }
            assertThat(read).as("batches %d of %d", sizes[0], sizes[1]).isEqualTo(source);
        }
        try (Prefetch<Integer> empty = new Prefetch<>(List.<Integer>of().iterator(), 2, 2, "test-prefetch")) {
            assertThat(empty.hasNext()).isFalse();
        }
    }

    @Test
    void theSourcesFailureReachesTheConsumerAfterTheRowsBeforeIt()
    {
        Iterator<Integer> failing = new Iterator<>()
        {
            private int next;

            @Override
            public boolean hasNext()
            {
                return true;
            }

            @Override
            public Integer next()
            {
                if (next == 5) {
                    throw new IllegalStateException("partition 3 failed");
                }
                return next++;
            }
        };
        List<Integer> read = new ArrayList<>();
        try (Prefetch<Integer> prefetch = new Prefetch<>(failing, 2, 2, "test-prefetch")) {
            assertThatThrownBy(() -> prefetch.forEachRemaining(read::add)).isInstanceOf(IllegalStateException.class).hasMessage("partition 3 failed");
        }
        assertThat(read).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void closingStopsTheReaderOfAnEndlessSource()
            throws InterruptedException
    {
        Iterator<Integer> endless = IntStream.iterate(0, i -> i + 1).iterator();
        Prefetch<Integer> prefetch = new Prefetch<>(endless, 2, 10, "test-prefetch-endless");
        assertThat(prefetch.next()).isZero();
        prefetch.close();
        for (int i = 0; i < 50 && Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals("test-prefetch-endless")); i++) {
            Thread.sleep(100);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("test-prefetch-endless"));
    }
}
