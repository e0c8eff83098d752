package org.distill4j.core.distill;

import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a training loop's native memory bounded. ND4J returns an array's off-heap memory only when the garbage
 * collector finds the array unreachable, and a loop's per-batch garbage is almost all off-heap: the Java heap
 * hardly grows, so the collector may not run for a very long time while the process's resident memory climbs
 * (measured: about 0.3 MB per step of a small student, gigabytes over a long run). The guard looks at the
 * process's physical memory every {@link #CHECK_EVERY} batches and asks for a collection when it stands more than
 * its allowance above the lowest level seen (memory still in use after a collection raises that floor). Not
 * thread-safe: one per run.
 */
final class NativeMemoryGuard {

    /** Batches between two looks at the process's memory. */
    static final int CHECK_EVERY = 64;
    /** Growth of physical memory, since the last collection, that triggers the next one: 512 MiB. */
    static final long ALLOWANCE_BYTES = 512L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(NativeMemoryGuard.class);

    private final java.util.function.LongSupplier physicalBytes;
    private final Runnable collector;
    private final int checkEvery;
    private long batches;
    private long floor;
    private boolean collectedAtLastCheck;
    private int collections;

    /** A guard over this process's memory and the JVM's collector. */
    NativeMemoryGuard() {
        this(CHECK_EVERY);
    }

    /** A guard that looks every {@code checkEvery} calls (1 for calls that each allocate a lot). */
    NativeMemoryGuard(int checkEvery) {
        this(Pointer::physicalBytes, System::gc, checkEvery);
    }

    /** A guard over any memory reading and collector (for tests). */
    NativeMemoryGuard(java.util.function.LongSupplier physicalBytes, Runnable collector) {
        this(physicalBytes, collector, CHECK_EVERY);
    }

    private NativeMemoryGuard(java.util.function.LongSupplier physicalBytes, Runnable collector, int checkEvery) {
        this.checkEvery = checkEvery;
        this.physicalBytes = physicalBytes;
        this.collector = collector;
        this.floor = physicalBytes.getAsLong();
    }

    /** Called after every batch. */
    void afterBatch() {
        if (++batches % checkEvery != 0) {
            return;
        }
        long now = physicalBytes.getAsLong();
        if (collectedAtLastCheck) {
            // ND4J frees collected arrays on its own thread, so judge a collection one check later: memory it could
            // not free is in use, and becomes the new floor
            collectedAtLastCheck = false;
            if (now - floor > ALLOWANCE_BYTES) {
                floor = now;
            }
        }
        floor = Math.min(floor, now);
        if (now - floor > ALLOWANCE_BYTES) {
            collector.run(); // frees the native memory of unreachable arrays
            collections++;
            collectedAtLastCheck = true;
            LOG.debug("native memory grew to {} MB ({} MB above its floor); asked for a collection", now >> 20,
                    (now - floor) >> 20);
        }
    }

    /** How many collections the guard asked for. */
    int collections() {
        return collections;
    }
}
