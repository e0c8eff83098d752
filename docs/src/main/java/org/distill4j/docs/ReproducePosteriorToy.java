package org.distill4j.docs;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.distill4j.bayes.bag.CategoricalPredictive;
import org.distill4j.bayes.bag.LinearPredictive;
import org.distill4j.bayes.bag.PosteriorBag;
import org.distill4j.bayes.bag.PredictiveEvaluation;
import org.distill4j.bayes.bag.PredictiveMeasures;
import org.distill4j.bayes.model.BayesianLogisticRegression;
import org.distill4j.bayes.online.ChainTeacher;
import org.distill4j.bayes.online.OnlineDistillation;
import org.distill4j.bayes.online.OnlineDistiller;
import org.distill4j.bayes.online.OnlineDistillerConfig;
import org.distill4j.bayes.sampler.SliceConfig;
import org.distill4j.bayes.sampler.SliceSampler;
import org.distill4j.bayes.student.LogisticMixtureStudent;
import org.distill4j.bayes.student.MixtureDistiller;
import org.distill4j.bayes.student.MixtureDistillerConfig;
import org.distill4j.core.distill.TrainingSettings;
import org.distill4j.core.transfer.TransferSources;
import org.distill4j.docs.plot.LinePlot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code reproduce posterior-toy}: the thesis's 2-D Bayesian logistic regression (Papamakarios 2015,
 * arXiv:1510.02437, ch. 3): prior {@code N(0, 100 I)}, 10⁴ slice-sampling samples, distilled into a mixture of 10
 * logistic regressors on transfer inputs {@code x ~ N(0, 10 I)}, by batch distillation from the stored bag and by
 * online distillation from the same kind of chain (single-sample targets, nothing stored). Reports KL(MC predictive
 * ‖ student) on held-out {@code N(0, 10 I)} inputs, test log-likelihoods on fresh toy data, and the memory of the
 * bag, the student and the online run; writes the predictive along two lines to {@code figures/posterior-toy.png}.
 * The thesis shows this experiment as figures, without a KL figure to compare with.
 */
final class ReproducePosteriorToy {

    private static final double PRIOR_VARIANCE = 100;
    private static final double INPUT_VARIANCE = 10;

    private ReproducePosteriorToy() {
    }

    static Result run(Args args, PrintStream out) throws Exception {
        boolean quick = args.flag("quick");
        Threads.limit(args.intOption("threads", 1));
        long seed = args.intOption("seed", 0);
        long start = System.nanoTime();
        int perClass = args.intOption("per-class", 10);
        int samples = args.intOption("samples", quick ? 2000 : 10000);
        int burnIn = args.intOption("burn-in", quick ? 200 : 1000);
        int components = args.intOption("components", 10);
        int transfer = args.intOption("transfer", quick ? 2000 : 10000);
        int epochs = args.intOption("epochs", quick ? 20 : 40);
        int batch = args.intOption("batch", 50);
        SplittableRandom rng = new SplittableRandom(seed);

        double[][] x = PosteriorToyData.features(perClass, rng.split());
        BayesianLogisticRegression model = BayesianLogisticRegression.of(x, PosteriorToyData.labels(perClass),
                PRIOR_VARIANCE, true);
        LinearPredictive predictive = LinearPredictive.logistic(2, true);
        SliceSampler chain = new SliceSampler(model, new double[3], SliceConfig.builder().seed(rng.nextLong()).build());
        for (int t = 0; t < burnIn; t++) {
            chain.next();
        }
        PosteriorBag bag = PosteriorBag.fromChain(predictive, chain, samples, 1);
        CategoricalPredictive teacher = CategoricalPredictive.of(bag);
        Console.progress("bag: %d slice samples of θ = (w1, w2, b) after %d burn-in, mean %s", samples, burnIn,
                java.util.Arrays.toString(round(bag.mean())));

        INDArray transferInputs = PosteriorToyData.gaussianInputs(transfer, INPUT_VARIANCE, rng.split());
        INDArray heldOut = PosteriorToyData.gaussianInputs(2000, INPUT_VARIANCE, rng.split());
        double[][] testX = PosteriorToyData.features(500, rng.split());
        INDArray testInputs = PosteriorToyData.array(testX);
        int[] testLabels = PosteriorToyData.labels(500);
        MixtureDistillerConfig config = MixtureDistillerConfig.builder().components(components)
                .learningRate(Double.parseDouble(args.option("lr", "0.01")))
                .averageFrom(Double.parseDouble(args.option("average-from", "0.5")))
                .settings(TrainingSettings.builder().epochs(epochs).batchSize(batch).seed(seed).heldOut(0, 0).build())
                .build();

        MixtureDistiller.BagDistillation batchRun = new MixtureDistiller(config).withListener(Console.epochs("batch"))
                .distill(bag, TransferSources.fixed(transferInputs),
                heldOut, null);
        LogisticMixtureStudent batchStudent = batchRun.run().student();
        PredictiveEvaluation batchEval = batchRun.evaluation();

        long chainSeed = rng.nextLong();
        ChainTeacher chains = ChainTeacher.of(predictive, s -> new SliceSampler(model, new double[3],
                SliceConfig.builder().seed(s ^ chainSeed).build()));
        int online = args.intOption("online-epochs", epochs);
        OnlineDistillerConfig onlineConfig = new OnlineDistillerConfig(config.toBuilder()
                .learningRate(Double.parseDouble(args.option("online-lr", "0.01")))
                .settings(config.settings().toBuilder().epochs(online).build()).build(), 1, burnIn,
                args.intOption("init-window", 100 * components));
        OnlineDistillation onlineRun = new OnlineDistiller(onlineConfig).withListener(Console.epochs("online"))
                .distillOnline(chains, TransferSources.generator(2, transfer,
                        (n, r) -> PosteriorToyData.gaussianInputs(n, INPUT_VARIANCE, r)));
        PredictiveEvaluation onlineEval = onlineRun.evaluate(teacher, heldOut, null);

        double teacherLl = teacher.meanLogLikelihood(testInputs, testLabels);
        double batchLl = PredictiveMeasures.logLikelihood(batchStudent.predictDouble(testInputs), testLabels)
                / testLabels.length;
        double onlineLl = PredictiveMeasures.logLikelihood(onlineRun.student().predictDouble(testInputs),
                testLabels) / testLabels.length;
        Path figure = args.pathOption("figures", Path.of("figures")).resolve("posterior-toy.png");
        plot(teacher, batchStudent, onlineRun.student(), figure);

        out.printf("2-D Bayesian logistic regression, %d points, prior N(0, %s I), %d slice samples; students: "
                + "mixtures of %d logistic regressors, transfer x ~ N(0, %s I)%n", 2 * perClass, PRIOR_VARIANCE,
                samples, components, INPUT_VARIANCE);
        out.printf("%-8s %14s %16s %16s %18s%n", "", "KL(MC ‖ q)", "test log-lik", "samples used", "memory (bytes)");
        out.printf("%-8s %14s %16.4f %16d %18d%n", "bag", "-", teacherLl, samples, bag.memoryBytes());
        out.printf("%-8s %14.5f %16.4f %16d %18d%n", "batch", batchEval.klTeacherStudent(), batchLl,
                batchEval.samplesConsumed(), batchStudent.memoryBytes());
        out.printf("%-8s %14.5f %16.4f %16d %18d (online peak)%n", "online", onlineEval.klTeacherStudent(),
                onlineLl, onlineRun.samplesConsumed(), onlineRun.peakBytes());
        out.println("thesis: figures only (no KL number); its claim, that 10 logistic regressors reproduce the "
                + "MC predictive of 10^4 samples, batch or online, is checked by the KL column");
        out.println("figure: " + figure);

        return new Result().put("command", "reproduce posterior-toy").put("quick", quick).put("seed", seed)
                .put("kl_batch", batchEval.klTeacherStudent()).put("kl_online", onlineEval.klTeacherStudent())
                .put("bag_bytes", bag.memoryBytes()).put("student_bytes", batchStudent.memoryBytes())
                .put("online_peak_bytes", onlineRun.peakBytes()).put("samples", samples)
                .put("online_samples_consumed", onlineRun.samplesConsumed())
                .put("test_ll_bag", teacherLl).put("test_ll_batch", batchLl).put("test_ll_online", onlineLl)
                .put("seconds", (System.nanoTime() - start) / 1e9);
    }

    /**
     * The predictive p(y=1|x) along two lines: across the classes, x = t·(1, 1)/√2, and along the class boundary
     * one unit to the class-1 side, x = t·(1, −1)/√2 + (1, 1)/√2, where the posterior's uncertainty about the
     * boundary's angle shows far from the data.
     */
    private static void plot(CategoricalPredictive teacher, LogisticMixtureStudent batch,
            LogisticMixtureStudent online, Path file) throws java.io.IOException {
        int points = 81;
        double[] t = new double[points];
        double[] across = new double[2 * points];
        double[] along = new double[2 * points];
        double r = Math.sqrt(0.5);
        for (int i = 0; i < points; i++) {
            t[i] = -8 + 16.0 * i / (points - 1);
            across[2 * i] = t[i] * r;
            across[2 * i + 1] = t[i] * r;
            along[2 * i] = t[i] * r + r;
            along[2 * i + 1] = -t[i] * r + r;
        }
        INDArray a = Nd4j.create(across, new long[] {points, 2}, DataType.DOUBLE);
        INDArray b = Nd4j.create(along, new long[] {points, 2}, DataType.DOUBLE);
        Files.createDirectories(file.toAbsolutePath().getParent());
        LinePlot.titled("posterior-toy: p(y=1|x) across the classes and along the boundary").xLabel("t")
                .yLabel("p(y=1|x)")
                .series("across: MC predictive (bag)", t, column(teacher.predictDouble(a)))
                .series("across: batch mixture", t, column(batch.predictDouble(a)))
                .series("across: online mixture", t, column(online.predictDouble(a)))
                .series("along: MC predictive (bag)", t, column(teacher.predictDouble(b)))
                .series("along: batch mixture", t, column(batch.predictDouble(b)))
                .series("along: online mixture", t, column(online.predictDouble(b))).write(file);
    }

    private static double[] column(INDArray p) {
        return p.getColumn(1).dup().data().asDouble();
    }

    private static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.round(v[i] * 1000) / 1000.0;
        }
        return r;
    }
}
