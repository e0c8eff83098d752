package org.distill4j.docs;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.compression.CompressionConfig;
import org.distill4j.core.compression.CompressionDistiller;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.data.Dataset;
import org.distill4j.core.data.EmbeddedDatasets;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.SoftTargetCrossEntropy;
import org.distill4j.core.teacher.EnsembleTeacher;
import org.distill4j.core.teacher.EnsembleTrainer;
import org.distill4j.core.teacher.EnsembleTrainerConfig;
import org.distill4j.core.transfer.TransferSources;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reliability stress run (issue 8): for a fixed time, many threads of one JVM predict with a teacher ensemble
 * and with distilled students while others distil new students from the same teacher. Every prediction of a fixed
 * probe batch is compared with the answer computed alone before the run, so a race shows up as an error; any
 * exception is an error too. Reports requests, errors (must be 0), throughput and the heap's high-water mark.
 */
final class Stress {

    private Stress() {
    }

    static Result run(Args args, PrintStream out) throws Exception {
        boolean quick = args.flag("quick");
        int seconds = args.intOption("seconds", quick ? 15 : 120);
        int predictors = args.intOption("predictors", 8);
        int distillers = args.intOption("distillers", 2);
        Dataset digits = EmbeddedDatasets.digits().standardized();
        Console.progress("stress: teacher ensemble and a student on the embedded digits, then %s predicting and %s "
                + "distilling threads for %s s", predictors, distillers, seconds);
        EnsembleTeacher teacher = new EnsembleTrainer(EnsembleTrainerConfig.builder()
                .layerSizes(digits.numFeatures(), 64, 10).members(3).epochs(3).batchSize(64).learningRate(1e-3)
                .seed(1).build()).train(digits.features(), digits.labels(), digits.numClasses());
        MlpStudent student = distiller(0).distill(teacher, TransferSources.fixed(digits.features())).student();
        INDArray probe = digits.features().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 64),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        INDArray teacherProbe = teacher.predict(probe);
        INDArray studentProbe = student.predict(probe);

        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
                heap.add(pool);
            }
        }
        AtomicLong predictions = new AtomicLong();
        AtomicLong distillations = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(predictors + distillers);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < predictors; t++) {
            boolean ofTeacher = t % 2 == 0;
            SplittableRandom rng = new SplittableRandom(t);
            work.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    try {
                        ConditionalTeacher model = ofTeacher ? teacher : student;
                        INDArray answer = model.predict(probe);
                        if (!answer.equalsWithEps(ofTeacher ? teacherProbe : studentProbe, 1e-6)) {
                            throw new IllegalStateException("concurrent prediction differs from the sequential one");
                        }
                        model.predict(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1 + rng.nextInt(256),
                                digits.numFeatures()));
                        predictions.addAndGet(2);
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        if (firstErrors.size() < 5) {
                            firstErrors.add(e.toString());
                        }
                    }
                }
            }));
        }
        for (int t = 0; t < distillers; t++) {
            long seed = 100 + t;
            work.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    try {
                        MlpStudent s = distiller(seed).distill(teacher, TransferSources.fixed(digits.features()))
                                .student();
                        if (!(s.predict(probe).sumNumber().doubleValue() > 0)) {
                            throw new IllegalStateException("a distilled student predicted nothing");
                        }
                        distillations.incrementAndGet();
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        if (firstErrors.size() < 5) {
                            firstErrors.add(e.toString());
                        }
                    }
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        long heapPeak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long requests = predictions.get() + distillations.get();
        out.printf("%,d requests (%,d predictions, %,d distillations) in %d s, %d errors, heap peak %.0f MB%n",
                requests, predictions.get(), distillations.get(), seconds, errors.get(), heapPeak / 1048576.0);
        firstErrors.forEach(e -> out.println("  error: " + e));
        return new Result().put("command", "stress").put("seconds", seconds).put("predictors", predictors)
                .put("distillers", distillers).put("requests", requests).put("predictions", predictions.get())
                .put("distillations", distillations.get()).put("errors", errors.get())
                .put("requests_per_s", requests / (double) seconds).put("heap_peak_mb", heapPeak / 1048576.0);
    }

    private static CompressionDistiller distiller(long seed) {
        return new CompressionDistiller(CompressionConfig.builder().student(MlpArchitecture.of(64, 16, 10))
                .objective(Objective.of(SoftTargetCrossEntropy.atTemperature(1.0))).epochs(1).batchSize(64)
                .heldOut(0, 200).seed(seed).build());
    }
}
