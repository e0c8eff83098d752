package org.distill4j.core.linalg;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native thread counts of ND4J (libnd4j's loops and OpenMP pool) and OpenBLAS, and distill4j's default for them.
 *
 * <p>Measured on the project's 2-vCPU machines (docs/guides/performance.md): with ND4J's default of one OpenMP
 * thread per core and OpenMP's default busy-waiting, a student's training loop ran 4× slower with two threads than
 * with one; {@code OMP_WAIT_POLICY=PASSIVE} recovered part of it (0.6× of one thread). Small products and
 * element-wise work do not gain from a second thread on such machines, and spinning workers steal the core the
 * other one needs. So, <b>by default, the first distillation of a process on a machine with at most
 * {@value #SMALL_MACHINE_CORES} cores sets every native pool to one thread</b>, and logs that it did. Opt out with
 * the system property {@code -Ddistill4j.nativeThreads=keep} (leave ND4J's settings alone) or choose a count with
 * {@code -Ddistill4j.nativeThreads=N}; or call {@link #configure} yourself. Larger machines are left as they are
 * unless the property names a count.
 *
 * <p>Thread counts are process-wide native settings; this class keeps no other state than "the default was
 * applied".
 */
public final class NativeThreads {

    /** The system property that controls the default: {@code keep}, or a thread count. */
    public static final String PROPERTY = "distill4j.nativeThreads";
    /** Machines with at most this many cores get one native thread by default. */
    public static final int SMALL_MACHINE_CORES = 2;

    private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);
    private static final AtomicBoolean DEFAULT_APPLIED = new AtomicBoolean();

    private NativeThreads() {
    }

    /**
     * Sets ND4J's loop and OpenMP threads and OpenBLAS's threads to {@code threads}; the default is then no longer
     * applied.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static void configure(int threads) {
        checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
        DEFAULT_APPLIED.set(true); // an explicit choice wins over the default
        apply(threads);
    }

    private static void apply(int threads) {
        Nd4j.create(1); // loads the backend before its native settings are touched
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        openblas_nolapack.blas_set_num_threads(threads);
    }

    /**
     * Applies distill4j's default once per process (see the class description); later calls do nothing.
     *
     * @return the thread count set, or 0 if the settings were left as they were
     */
    public static int applyDefaultOnce() {
        if (!DEFAULT_APPLIED.compareAndSet(false, true)) {
            return 0;
        }
        int threads = defaultThreads(System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors());
        if (threads > 0) {
            apply(threads);
            LOG.info("distill4j set ND4J and OpenBLAS to {} native thread(s) (-D{}=keep to leave them, =N to choose)",
                    threads, PROPERTY);
        }
        return threads;
    }

    /**
     * The default thread count for a property value and a core count: the property's count if it gives one,
     * 0 (leave as is) for {@code keep} or on a large machine, else 1.
     *
     * @throws IllegalArgumentException if the property is neither {@code keep} nor a positive count
     */
    static int defaultThreads(String property, int cores) {
        if (property != null && !property.isBlank()) {
            if (property.trim().equalsIgnoreCase("keep")) {
                return 0;
            }
            try {
                int n = Integer.parseInt(property.trim());
                checkArgument(n >= 1, "%s must be 'keep' or a thread count >= 1, got %s", PROPERTY, property);
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PROPERTY + " must be 'keep' or a thread count >= 1, got "
                        + property, e);
            }
        }
        return cores <= SMALL_MACHINE_CORES ? 1 : 0;
    }
}
