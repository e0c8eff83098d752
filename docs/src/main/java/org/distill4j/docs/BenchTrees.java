package org.distill4j.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.distill4j.core.data.Dataset;
import org.distill4j.trees.cart.CartTrainer;
import org.distill4j.trees.cart.TreeConfig;
import org.distill4j.trees.tree.ClassificationTree;
import org.distill4j.trees.tree.RegressionTree;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * CART fitting and prediction speed on Fashion-MNIST, with the workload of {@code ../shared/bench/cart_fit.py}
 * (scikit-learn), which it runs right after in the same command: a depth-10 classification tree on the hard
 * labels and a depth-10 regression tree on the 10-column smoothed one-hot targets (0.9 on the label, 0.1/9
 * elsewhere), fitted to the first {@code --n-train} training images; each first fitted once, untimed, on a small
 * slice. Fit times include binning the features. Prediction throughput is the best of {@code --predict-repeats}
 * passes over the 10,000 test images through {@code ClassificationTree.predict} (INDArray in, probabilities out),
 * after three untimed passes that let the JIT compile the routing loop.
 * scikit-learn's trees are single-threaded, so ours use {@code --threads} (default 1) threads too.
 */
final class BenchTrees {

    private BenchTrees() {
    }

    static Result run(Args args, java.io.PrintStream out) throws Exception {
        boolean quick = args.flag("quick");
        int threads = args.intOption("threads", 1);
        Threads.limit(threads);
        int depth = args.intOption("depth", 10);
        int nTrain = args.intOption("n-train", quick ? 10000 : 60000);
        int repeats = args.intOption("predict-repeats", quick ? 3 : 5);
        int warmup = args.intOption("warmup-n", quick ? 1000 : 2000);
        Path folder = FashionMnist.folder(args);
        Dataset train = FashionMnist.train(folder).head(nTrain);
        Dataset test = FashionMnist.test(folder);
        INDArray x = train.features();
        int[] labels = train.labels();
        INDArray soft = smoothedOneHot(labels, 10);
        INDArray testX = test.features();

        CartTrainer trainer = new CartTrainer(TreeConfig.builder().maxDepth(depth).threads(threads).build());
        Console.progress("warm-up fits on %s rows", warmup);
        INDArray warmX = x.get(NDArrayIndex.interval(0, warmup), NDArrayIndex.all());
        trainer.fitClassifier(warmX, Arrays.copyOf(labels, warmup), 10);
        trainer.fitRegressor(warmX, soft.get(NDArrayIndex.interval(0, warmup), NDArrayIndex.all()));

        long t0 = System.nanoTime();
        ClassificationTree classifier = trainer.fitClassifier(x, labels, 10);
        double clfSeconds = (System.nanoTime() - t0) / 1e9;
        Console.progress("classifier: fit %.2f s, %s leaves, depth %s", clfSeconds, classifier.leafCount(),
                classifier.depth());
        t0 = System.nanoTime();
        RegressionTree regressor = trainer.fitRegressor(x, soft);
        double regSeconds = (System.nanoTime() - t0) / 1e9;
        Console.progress("regressor: fit %.2f s, %s leaves, depth %s", regSeconds, regressor.leafCount(),
                regressor.depth());

        for (int r = 0; r < 3; r++) {
            classifier.predict(testX); // untimed: lets the JIT compile the routing loop
        }
        double best = Double.MAX_VALUE;
        INDArray probabilities = null;
        for (int r = 0; r < repeats; r++) {
            t0 = System.nanoTime();
            probabilities = classifier.predict(testX);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        double predictRows = test.size() / best;
        double clfAccuracy = Measures.accuracy(probabilities, test.labels());
        double regAccuracy = accuracyOfArgmax(regressor.predict(testX), test.labels());
        out.printf("ours: classifier %.2f s (test acc %.4f), regressor %.2f s (test acc %.4f), predict %.0f rows/s%n",
                clfSeconds, clfAccuracy, regSeconds, regAccuracy, predictRows);

        List<String> reference = new ArrayList<>(List.of("--threads", String.valueOf(threads), "--data",
                folder.toString(), "--depth", String.valueOf(depth), "--n-train", String.valueOf(nTrain),
                "--predict-repeats", String.valueOf(repeats), "--warmup-n", String.valueOf(warmup)));
        Optional<ReferenceBench> sklearn = ReferenceBench.run(args, "cart_fit.py", reference, 30);
        double skClf = sklearn.map(r -> r.number("classifier_fit_seconds")).orElse(Double.NaN);
        double skReg = sklearn.map(r -> r.number("regressor_fit_seconds")).orElse(Double.NaN);
        sklearn.ifPresent(r -> out.printf("sklearn: classifier %.2f s, regressor %.2f s, predict %.0f rows/s%n", skClf,
                skReg, r.number("classifier_predict_samples_per_s")));

        return new Result().put("bench", "trees").put("quick", quick).put("threads", threads).put("depth", depth)
                .put("n_train", train.size())
                .put("fit_seconds_clf", clfSeconds).put("fit_seconds_reg", regSeconds)
                .put("sklearn_fit_seconds_clf", skClf).put("sklearn_fit_seconds_reg", skReg)
                .put("speedup_clf", skClf / clfSeconds).put("speedup_reg", skReg / regSeconds)
                .put("predict_rows_per_s", predictRows)
                .put("sklearn_predict_rows_per_s",
                        sklearn.map(r -> r.number("classifier_predict_samples_per_s")).orElse(Double.NaN))
                .put("leaves_clf", classifier.leafCount()).put("leaves_reg", regressor.leafCount())
                .put("sklearn_leaves_clf", sklearn.map(r -> r.number("classifier_leaves")).orElse(Double.NaN))
                .put("sklearn_leaves_reg", sklearn.map(r -> r.number("regressor_leaves")).orElse(Double.NaN))
                .put("test_acc_clf", clfAccuracy).put("test_acc_reg", regAccuracy)
                .put("sklearn_test_acc_clf", sklearn.map(r -> r.number("classifier_test_acc")).orElse(Double.NaN))
                .put("sklearn_test_acc_reg", sklearn.map(r -> r.number("regressor_test_acc")).orElse(Double.NaN))
                .put("sklearn_version", sklearn.map(r -> r.string("sklearn_version")).orElse(null));
    }

    /** 0.9 on the label, 0.1/9 elsewhere, as in cart_fit.py. */
    private static INDArray smoothedOneHot(int[] labels, int k) {
        float[] v = new float[labels.length * k];
        Arrays.fill(v, 0.1f / (k - 1));
        for (int i = 0; i < labels.length; i++) {
            v[i * k + labels[i]] = 0.9f;
        }
        return Nd4j.create(v, new long[] {labels.length, k}, DataType.FLOAT);
    }

    private static double accuracyOfArgmax(INDArray scores, int[] labels) {
        int[] predicted = scores.argMax(1).toIntVector();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }
}
