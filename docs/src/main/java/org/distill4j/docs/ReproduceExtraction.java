package org.distill4j.docs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Distillation;
import org.distill4j.core.data.Dataset;
import org.distill4j.core.data.EmbeddedDatasets;
import org.distill4j.core.fidelity.Fidelity;
import org.distill4j.core.teacher.EnsembleTrainer;
import org.distill4j.core.teacher.EnsembleTrainerConfig;
import org.distill4j.core.transfer.TransferSources;
import org.distill4j.trees.cart.CartTrainer;
import org.distill4j.trees.cart.TreeConfig;
import org.distill4j.trees.extraction.ExtractionConfig;
import org.distill4j.trees.extraction.ModelExtraction;
import org.distill4j.trees.extraction.RegionSampler;
import org.distill4j.trees.extraction.RegionSamplers;
import org.distill4j.trees.tree.ClassificationTree;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Model extraction against its anchors (Craven and Shavlik 1995; Bastani et al. 2017, arXiv:1705.08504): a
 * teacher ensemble of ReLU networks on Fashion-MNIST and on breast cancer is distilled into trees of 16, 64 and
 * 256 leaves by (a) CART on the data's hard labels, (b) CART on the teacher's probabilities of the same data, and
 * (c) model extraction, which also draws inputs inside thin nodes and asks the teacher: for images, mixup of the
 * node's images (per-pixel marginals recombine into unrealistic images), for breast cancer TREPAN's kernel-density
 * marginals ({@code --sampler kernel|marginal|mixup|perturbed} sets both). Extraction grows {@code --growth}
 * (default {@link ExtractionConfig#DEFAULT_GROWTH_FACTOR}) times the leaf budget and prunes back for agreement;
 * {@code --baseline-growth g} also runs it with growth factor g (1: no pruning) and reports
 * {@code fidelity_extraction_g<g>_<leaves>_<dataset>}. On Fashion-MNIST extraction holds {@code --validation}
 * (5,000; 1,000 with {@code --quick}) of its transfer images out, teacher-labelled, and keeps the growth stage whose
 * pruned tree agrees with the teacher most on them (the greedy tree at the leaf budget is one of the stages); breast
 * cancer's 398 training rows are too few to hold any out. Every tree is scored on the test set: fidelity (top-1
 * agreement with the teacher) and accuracy. The claim: (c) has the highest fidelity at every size.
 */
final class ReproduceExtraction {

    private static final String[] METHODS = {"cart_hard", "cart_teacher", "extraction"};

    private ReproduceExtraction() {
    }

    static Result run(Args args, PrintStream out) throws Exception {
        boolean quick = args.flag("quick");
        Threads.limit(args.intOption("threads", 1));
        long seed = args.intOption("seed", 0);
        long start = System.nanoTime();
        int[] leaves = java.util.Arrays.stream(args.option("leaves", "16,64,256").split(","))
                .mapToInt(v -> Integer.parseInt(v.trim())).toArray();
        List<String> datasets = List.of(args.option("datasets", "fashion,breast_cancer").split(","));
        Result result = new Result().put("command", "reproduce extraction").put("quick", quick).put("seed", seed);
        List<String> table = new ArrayList<>();

        if (datasets.contains("fashion")) {
            fashion(args, quick, seed, leaves, result, table);
        }
        if (datasets.contains("breast_cancer")) {
            breastCancer(args, quick, seed, leaves, result, table);
        }
        out.println("fidelity (top-1 agreement with the teacher) / accuracy on the test set:");
        out.printf("%-14s %6s %22s %22s %22s%n", "dataset", "leaves", "(a) CART hard labels",
                "(b) CART teacher", "(c) extraction");
        table.forEach(out::println);
        result.put("seconds", (System.nanoTime() - start) / 1e9);
        return result;
    }

    private static void fashion(Args args, boolean quick, long seed, int[] leaves, Result result, List<String> table)
            throws java.io.IOException {
        Path folder = FashionMnist.folder(args);
        Dataset train = FashionMnist.train(folder).head(args.intOption("n-train", quick ? 10000 : 60000));
        Dataset test = FashionMnist.test(folder).head(args.intOption("n-test", quick ? 2000 : 10000));
        int members = args.intOption("members", quick ? 2 : 3);
        int epochs = args.intOption("teacher-epochs", quick ? 1 : 2);
        Console.progress("fashion teacher: %s members 784-500-300-10, %s epochs on %s images", members, epochs,
                train.size());
        ConditionalTeacher fashionTeacher = new EnsembleTrainer(EnsembleTrainerConfig.builder()
                .layerSizes(784, 500, 300, 10).members(members).epochs(epochs).batchSize(100).learningRate(1e-3)
                .bootstrap(true).seed(seed).build()).train(train.features(), train.labels(), train.numClasses());
        compare("fashion", fashionTeacher, train, test, leaves, args.intOption("s-min", quick ? 500 : 1000),
                args.intOption("budget", quick ? 20000 : 60000), args.intOption("validation", quick ? 1000 : 5000),
                sampler(args.option("sampler", "mixup")),
                args.intOption("growth", ExtractionConfig.DEFAULT_GROWTH_FACTOR), args.intOption("baseline-growth", 0),
                seed, result, table);
    }

    private static void breastCancer(Args args, boolean quick, long seed, int[] leaves, Result result,
            List<String> table) {
        Dataset.Split split = EmbeddedDatasets.breastCancer().split(0.3, seed).standardized();
        Console.progress("breast cancer teacher: 5 members 30-64-32-2 on %s rows", split.train().size());
        ConditionalTeacher cancerTeacher = new EnsembleTrainer(EnsembleTrainerConfig.builder()
                .layerSizes(30, 64, 32, 2).members(5).epochs(quick ? 40 : 100).batchSize(32).learningRate(1e-3)
                .bootstrap(true).seed(seed).build())
                .train(split.train().features(), split.train().labels(), split.train().numClasses());
        compare("breast_cancer", cancerTeacher, split.train(), split.test(), leaves, 200, 10000, 0,
                sampler(args.option("sampler", "kernel")),
                args.intOption("growth", ExtractionConfig.DEFAULT_GROWTH_FACTOR), args.intOption("baseline-growth", 0),
                seed, result, table);
    }

    private static RegionSampler sampler(String name) {
        return switch (name) {
            case "kernel" -> RegionSamplers.kernelMarginals();
            case "marginal" -> RegionSamplers.empiricalMarginals();
            case "mixup" -> RegionSamplers.mixup();
            case "perturbed" -> RegionSamplers.perturbedMembers(0.2);
            default -> throw new IllegalArgumentException("--sampler must be kernel, marginal, mixup or perturbed, got "
                    + name);
        };
    }

    private static void compare(String dataset, ConditionalTeacher teacher, Dataset train, Dataset test, int[] leaves,
            int sMin, int budget, int validation, RegionSampler sampler, int growth, int baselineGrowth, long seed,
            Result result, List<String> table) {
        INDArray x = train.features();
        INDArray teacherTrain = teacher.predict(x);
        INDArray teacherTest = teacher.predict(test.features());
        double teacherAcc = Measures.accuracy(teacherTest, test.labels());
        result.put("teacher_acc_" + dataset, teacherAcc);
        Console.progress("%s teacher: test accuracy %.4f", dataset, teacherAcc);
        boolean extractionBest = true;
        for (int l : leaves) {
            CartTrainer cart = new CartTrainer(TreeConfig.builder().maxLeaves(l).build());
            ClassificationTree[] trees = new ClassificationTree[3];
            trees[0] = cart.fitClassifier(x, train.labels(), train.numClasses());
            trees[1] = cart.fitClassifier(x, teacherTrain);
            Distillation<ClassificationTree> run = new ModelExtraction(ExtractionConfig.builder().maxLeaves(l)
                    .minSamplesPerNode(sMin).queryBudget(budget).sampler(sampler).heldOut(validation, 0)
                    .growthFactor(growth).seed(seed).build())
                    .distill(teacher, TransferSources.fixed(x));
            trees[2] = run.student();
            long drawn = run.report().teacherQueries() - train.size();
            result.put("queries_extraction_" + l + "_" + dataset, drawn);
            if (baselineGrowth > 0) { // the same extraction with another growth factor, for comparison
                ClassificationTree other = new ModelExtraction(ExtractionConfig.builder().maxLeaves(l)
                        .minSamplesPerNode(sMin).queryBudget(budget).sampler(sampler).heldOut(validation, 0)
                        .growthFactor(baselineGrowth).seed(seed).build()).distill(teacher, TransferSources.fixed(x))
                        .student();
                INDArray q = other.predict(test.features());
                String key = "extraction_g" + baselineGrowth + "_" + l + "_" + dataset;
                result.put("fidelity_" + key, Fidelity.between(teacherTest, q).top1Agreement());
                result.put("accuracy_" + key, Measures.accuracy(q, test.labels()));
                Console.progress("%s, %s leaves: extraction with growth factor %s: fidelity %.4f", dataset, l,
                        baselineGrowth, Fidelity.between(teacherTest, q).top1Agreement());
            }
            StringBuilder row = new StringBuilder(String.format("%-14s %6d", dataset, l));
            double[] fidelity = new double[3];
            for (int m = 0; m < 3; m++) {
                INDArray p = trees[m].predict(test.features());
                fidelity[m] = Fidelity.between(teacherTest, p).top1Agreement();
                double accuracy = Measures.accuracy(p, test.labels());
                result.put("fidelity_" + METHODS[m] + "_" + l + "_" + dataset, fidelity[m]);
                result.put("accuracy_" + METHODS[m] + "_" + l + "_" + dataset, accuracy);
                result.put("leaves_" + METHODS[m] + "_" + l + "_" + dataset, trees[m].leafCount());
                row.append(String.format("   %8.4f / %8.4f  ", fidelity[m], accuracy));
            }
            extractionBest &= fidelity[2] > Math.max(fidelity[0], fidelity[1]); // a tie is not "highest"
            Console.progress("%s, %s leaves: fidelity %.4f (a), %.4f (b), %.4f (c, %s drawn inputs)", dataset, l,
                    fidelity[0], fidelity[1], fidelity[2], drawn);
            table.add(row.toString());
        }
        result.put("extraction_best_" + dataset, extractionBest);
    }
}
