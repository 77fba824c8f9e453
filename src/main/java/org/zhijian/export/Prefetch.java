package org.zhijian.export;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * An iterator that reads its source ahead on a thread of its own, in batches through a bounded
 * queue, so that producing rows (Spark running the next partition's job, decoding rows) and
 * consuming them (the writer) overlap. Order is kept; at most {@code batches × batchSize} rows wait.
 * A failure of the source is thrown from {@link #hasNext()} in the consumer's thread, with its
 * cause; {@link #close()} stops the reader (a consumer that gives up early must close it).
 */
final class Prefetch<T>
        implements Iterator<T>, AutoCloseable
{
    /** Marks the end of the source in the queue. */
    private static final List<Object> END = List.of();

    private final BlockingQueue<List<?>> queue;
    private final Thread reader;
    private volatile Throwable failure;
    private volatile boolean closed;
    private Iterator<T> batch = java.util.Collections.emptyIterator();
    private boolean ended;

    Prefetch(Iterator<T> source, int batches, int batchSize, String threadName)
    {
        requireNonNull(source, "source is null");
        if (batches < 1 || batchSize < 1) {
            throw new IllegalArgumentException("batches and batchSize must be positive");
        }
        this.queue = new ArrayBlockingQueue<>(batches);
        // A daemon thread: it inherits the caller's Spark job group (local properties are inheritable).
        this.reader = new Thread(() -> {
            List<T> next = new ArrayList<>(batchSize);
            try {
                while (!closed && source.hasNext()) {
                    next.add(source.next());
                    if (next.size() == batchSize) {
                        put(next);
                        next = new ArrayList<>(batchSize);
                    }
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (Throwable e) {
                failure = e;
            }
            try {
                // The rows read before the end (or the failure) come first.
                if (!next.isEmpty()) {
                    put(next);
                }
                put(END);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    private void put(List<?> batch)
            throws InterruptedException
    {
        while (!closed) {
            if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean hasNext()
    {
        while (!batch.hasNext() && !ended) {
            List<?> next;
            try {
                next = queue.take();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for rows", e);
            }
            if (next == END) {
                ended = true;
                Throwable failed = failure;
                if (failed instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (failed instanceof Error error) {
                    throw error;
                }
                if (failed != null) {
                    // Spark throws its checked SparkException without declaring it: so does this, unchanged.
                    throw Prefetch.<RuntimeException>sneaky(failed);
                }
            }
            else {
                batch = ((List<T>) next).iterator();
            }
        }
        return batch.hasNext();
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable failure)
            throws E
    {
        throw (E) failure;
    }

    @Override
    public T next()
    {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batch.next();
    }

    @Override
    public void close()
    {
        closed = true;
        reader.interrupt();
        queue.clear();
    }
}
