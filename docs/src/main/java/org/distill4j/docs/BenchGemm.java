package org.distill4j.docs;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.distill4j.core.linalg.Gemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix-product speed (issue 7): float32 and float64 GFLOP/s of the library's product path
 * ({@link Gemm}: OpenBLAS called directly into a preallocated output), of {@code Nd4j.gemm} into the same output and
 * of {@code INDArray.mmul} (which allocates its result), at square sizes 64–2048 and at the shapes students use;
 * then the same products by PyTorch ({@code docs/bench/gemm.py}) in the same command with the same thread count.
 * Each figure is the best of three timed passes of about 0.3 s after a warm-up.
 */
final class BenchGemm {

    static final String SQUARE = "64,128,256,512,1024,2048";
    static final String STUDENT_SHAPES = "20x784x50,128x784x50,128x50x30,100x784x500";

    private BenchGemm() {
    }

    static Result run(Args args, PrintStream out) throws Exception {
        int threads = args.intOption("threads", 2);
        double seconds = Double.parseDouble(args.option("seconds", args.flag("quick") ? "0.1" : "0.3"));
        String shapes = args.option("shapes", SQUARE + "," + STUDENT_SHAPES);
        Threads.limit(threads);
        Result result = new Result().put("bench", "gemm").put("threads", threads)
                .put("blas", String.valueOf(Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor")));
        for (String shape : shapes.split(",")) {
            long[] d = dims(shape);
            INDArray a = Nd4j.rand(DataType.FLOAT, d[0], d[1]);
            INDArray b = Nd4j.rand(DataType.FLOAT, d[1], d[2]);
            INDArray c = Nd4j.create(DataType.FLOAT, d[0], d[2]);
            double flops = 2.0 * d[0] * d[1] * d[2];
            double ours = gflops(flops, seconds, () -> Gemm.gemm(a, b, c, false, false, 1.0, 0.0));
            double nd4j = gflops(flops, seconds, () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0));
            double mmul = gflops(flops, seconds, () -> a.mmul(b));
            INDArray a64 = a.castTo(DataType.DOUBLE);
            INDArray b64 = b.castTo(DataType.DOUBLE);
            INDArray c64 = c.castTo(DataType.DOUBLE);
            double ours64 = gflops(flops, seconds, () -> Gemm.gemm(a64, b64, c64, false, false, 1.0, 0.0));
            result.put("gflops_" + shape, ours).put("gflops64_" + shape, ours64)
                    .put("nd4j_gemm_gflops_" + shape, nd4j).put("mmul_gflops_" + shape, mmul);
            Console.progress("ours %s: %.1f GFLOP/s float32 (Nd4j.gemm %.1f, mmul %.1f), %.1f float64", shape, ours,
                    nd4j, mmul, ours64);
        }
        List<String> reference = new ArrayList<>(List.of("--threads", String.valueOf(threads), "--shapes", shapes,
                "--seconds", String.valueOf(seconds)));
        Optional<ReferenceBench> torch = ReferenceBench.runOwn("gemm.py", reference, 20);
        double ratioMin = Double.POSITIVE_INFINITY;
        double ratioMinAll = Double.POSITIVE_INFINITY;
        if (torch.isPresent()) {
            result.put("torch", torch.get().string("torch"));
            for (String shape : shapes.split(",")) {
                double t32 = torch.get().number("torch_gflops_" + shape);
                double t64 = torch.get().number("torch_gflops64_" + shape);
                double ratio = (double) result.get("gflops_" + shape) / t32;
                result.put("torch_gflops_" + shape, t32).put("torch_gflops64_" + shape, t64)
                        .put("ratio_" + shape, ratio)
                        .put("ratio64_" + shape, (double) result.get("gflops64_" + shape) / t64);
                ratioMinAll = Math.min(ratioMinAll, ratio);
                if (!shape.contains("x") && Long.parseLong(shape) >= 256) {
                    ratioMin = Math.min(ratioMin, ratio);
                }
                out.printf("%-12s ours %6.1f  torch %6.1f GFLOP/s float32  ratio %.2f%n", shape,
                        (double) result.get("gflops_" + shape), t32, ratio);
            }
        }
        return result.put("ratio_min", Double.isFinite(ratioMin) ? ratioMin : null)
                .put("ratio_min_all_shapes", Double.isFinite(ratioMinAll) ? ratioMinAll : null);
    }

    /** {@code n} for a square product, {@code MxKxN} otherwise. */
    static long[] dims(String shape) {
        String[] parts = shape.trim().split("x");
        if (parts.length == 1) {
            long n = Long.parseLong(parts[0]);
            return new long[] {n, n, n};
        }
        if (parts.length != 3) {
            throw new IllegalArgumentException("--shapes entries must be n or MxKxN, got " + shape);
        }
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])};
    }

    private static double gflops(double flops, double seconds, Supplier<INDArray> product) {
        product.get();
        long t0 = System.nanoTime();
        product.get();
        double one = Math.max((System.nanoTime() - t0) / 1e9, 1e-7);
        int calls = (int) Math.max(3, Math.min(100_000, seconds / one));
        double best = 0;
        for (int pass = 0; pass < 3; pass++) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                product.get();
            }
            best = Math.max(best, flops * calls / ((System.nanoTime() - start) / 1e9) / 1e9);
        }
        return best;
    }
}
