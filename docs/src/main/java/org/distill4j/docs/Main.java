package org.distill4j.docs;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The docs command line: {@code mvn -q -pl docs exec:java -Dexec.args="COMMAND [--quick] [--data DIR]"}.
 *
 * <ul>
 *   <li>{@code tour}: the README's main job on embedded data;</li>
 *   <li>{@code reproduce compression}: Papamakarios 2015, ch. 2, on Fashion-MNIST;</li>
 *   <li>{@code bench compression}: student training throughput, side by side with PyTorch.</li>
 * </ul>
 * Progress goes to stderr (SLF4J); stdout ends with one {@code RESULT {json}} line.
 */
public final class Main {

    private static final String JAVACPP_MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private Main() {
    }

    /** Runs one command; exits with status 2 on a usage error and 1 on a failure. */
    public static void main(String[] argv) {
        Locale.setDefault(Locale.ROOT);
        // before ND4J loads: JavaCPP's per-allocation resident-size check costs 15-25 % of a small training step
        if (System.getProperty(JAVACPP_MAX_PHYSICAL_BYTES) == null) {
            System.setProperty(JAVACPP_MAX_PHYSICAL_BYTES, "0");
        }
        Args args = new Args(argv);
        PrintStream out = System.out;
        try {
            Result result = run(args, out);
            if (result == null) {
                usage(System.err);
                System.exit(2);
            }
            out.println(result.line());
            out.flush();
            System.exit(0);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    /** Dispatches to a command; {@code null} for an unknown one. */
    static Result run(Args args, PrintStream out) throws Exception {
        String command = args.word(0);
        String what = args.word(1);
        if (command == null) {
            return null;
        }
        return switch (command) {
            case "tour" -> Tour.run(args, out);
            case "reproduce" -> what == null ? null : switch (what) {
                case "compression" -> ReproduceCompression.run(args, out);
                case "extraction" -> ReproduceExtraction.run(args, out);
                case "lrh" -> ReproduceLrh.run(args, out);
                case "posterior-toy" -> ReproducePosteriorToy.run(args, out);
                case "online" -> ReproduceOnline.run(args, out);
                case "pid-distillation" -> ReproducePidDistillation.run(args, out);
                case "boston" -> ReproduceBoston.run(args, out);
                case "logz" -> ReproduceLogZ.run(args, out);
                default -> null;
            };
            case "bench" -> what == null ? null : switch (what) {
                case "compression" -> BenchCompression.run(args, out);
                case "generative" -> BenchGenerative.run(args, out);
                case "trees" -> BenchTrees.run(args, out);
                case "gemm" -> BenchGemm.run(args, out);
                case "hmc" -> BenchHmc.run(args, out);
                default -> null;
            };
            case "pid" -> Pid.run(args, out);
            case "logz" -> LogZCommand.run(args, out);
            case "stress" -> Stress.run(args, out);
            case "fuzz" -> FuzzCommand.run(args, out);
            default -> null;
        };
    }

    private static void usage(PrintStream err) {
        err.println("usage: COMMAND [--quick] [--data DIR]");
        err.println("  tour                     distil a teacher ensemble into a small net on embedded data");
        err.println("  reproduce compression    Papamakarios 2015 ch. 2 on Fashion-MNIST (--data, default "
                + "../shared/data/fashion-mnist)");
        err.println("  reproduce extraction     model extraction vs CART anchors on Fashion-MNIST and breast cancer");
        err.println("  reproduce lrh            Boix-Adsera 2024: LRH distillation of random-tree teachers "
                + "(--depth r --beam k --d 100 --seed s)");
        err.println("  reproduce posterior-toy  Papamakarios 2015 ch. 3: 2-D Bayesian logistic regression into 10 logistic regressors, batch and online");
        err.println("  reproduce online         batch (stored bag) vs online distillation of Bayesian softmax regression: Fashion-MNIST, breast cancer with --quick");
        err.println("  reproduce pid-distillation  Dissanayake 2025: KD, VID, RID from trained/untrained teachers");
        err.println("  reproduce boston         Bayesian Dark Knowledge: SGLD vs distilled SGLD on Boston housing "
                + "(--data FILE, default ../shared/data/boston_house_prices.csv; --splits N; --splits-from pbp|random)");
        err.println("  reproduce logz           Papamakarios 2015 ch. 4: log Z of RBMs by AIS vs a distilled NADE");
        err.println("  bench compression        student training throughput vs ../shared/bench/kd_mlp.py "
                + "(--threads N, --repeats R, --bench DIR)");
        err.println("  bench generative         NADE, CD-1 and AIS timings vs ../shared/bench/nade.py and rbm_ais.py");
        err.println("  bench trees              CART fit/predict speed vs ../shared/bench/cart_fit.py (--threads N)");
        err.println("  bench gemm               float32/float64 GEMM GFLOP/s vs PyTorch (docs/bench/gemm.py; --threads N, "
                + "--shapes 64,128x784x50)");
        err.println("  bench hmc                HMC on Bayesian logistic regression vs ../shared/bench/hmc_blr.py (--threads N)");
        err.println("  pid --table FILE         BROJA, I_min and MMI decompositions of a y,t,s,p table (--nats)");
        err.println("  fuzz                     mutation fuzzing of every file loader (--seconds N --seed S --only A,B)");
        err.println("  stress                   concurrent predictions and distillations for a fixed time (--seconds N)");
        err.println("  logz --rbm DIR           log Z of an RBM folder (W.npy, b.npy, c.npy): exact, AIS, NADE");
    }
}
