package org.distill4j.docs;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.data.Dataset;
import org.distill4j.core.info.KnowledgeEstimator;
import org.distill4j.core.info.KnowledgeTracker;
import org.distill4j.core.rid.RepresentationDistillationConfig;
import org.distill4j.core.rid.RepresentationDistillationConfig.Method;
import org.distill4j.core.rid.RepresentationDistiller;
import org.distill4j.core.teacher.MultiLayerNetworkTeacher;
import org.distill4j.core.transfer.TransferSources;
import org.distill4j.docs.plot.LinePlot;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Reproduces the nuisance-teacher experiment of P. Dissanayake et al., <i>Quantifying Knowledge Distillation
 * Using Partial Information Decomposition</i>, AISTATS 2025 (arXiv:2411.07483), on a subset of Fashion-MNIST with
 * MLPs: a 784-256-128-10 ReLU teacher trained to high accuracy and an untrained teacher of the same shape; small
 * 784-32-10 students trained with labels alone (no-KD baseline) and with plain KD, VID and RID from each teacher;
 * the distilled knowledge Red(Y:T,S) and distillable knowledge Uni(Y:T\S) between the teacher's last hidden layer
 * and the student's hidden layer tracked over epochs on held-out probes (discrete route, as in the paper's code),
 * plotted under {@code docs/figures/} ({@code docs/target/figures/} with {@code --quick}). The paper's claim (CIFAR-10, WideResNets): with an untrained teacher RID
 * stays near the no-KD baseline while VID falls.
 */
final class ReproducePidDistillation {

    private static final int STUDENT_HIDDEN = 32;

    private ReproducePidDistillation() {
    }

    static Result run(Args args, PrintStream out) throws Exception {
        boolean quick = args.flag("quick");
        Threads.limit(args.intOption("threads", 1));
        long seed = args.intOption("seed", 0);
        Path folder = FashionMnist.folder(args);
        Dataset train = FashionMnist.train(folder).head(args.intOption("train", quick ? 3000 : 12000));
        Dataset test = FashionMnist.test(folder).head(args.intOption("test", quick ? 1000 : 5000));
        Dataset probes = FashionMnist.test(folder).subset(range(5000, 5000 + (quick ? 500 : 1000)));
        int teacherEpochs = args.intOption("teacher-epochs", quick ? 2 : 6);
        int epochs = args.intOption("epochs", quick ? 3 : 15);
        int replicates = args.intOption("replicates", quick ? 10 : 30);
        double termWeight = Double.parseDouble(args.option("term-weight", "1"));

        Console.progress("teacher 784-256-128-10: %d epochs on %d images", teacherEpochs, train.size());
        MultiLayerNetwork trainedNet = network(seed + 1);
        fit(trainedNet, train, teacherEpochs, seed);
        MultiLayerNetworkTeacher trained = MultiLayerNetworkTeacher.of(trainedNet);
        MultiLayerNetwork untrainedNet = network(seed + 2);
        MultiLayerNetworkTeacher untrained = MultiLayerNetworkTeacher.of(untrainedNet);
        double accTeacher = Measures.accuracy(trained.predict(test.features()), test.labels());
        double accUntrained = Measures.accuracy(untrained.predict(test.features()), test.labels());
        out.printf("teacher: test accuracy %.4f; untrained teacher: %.4f%n", accTeacher, accUntrained);
        Result result = new Result().put("command", "reproduce pid-distillation").put("quick", quick)
                .put("n_train", train.size()).put("n_test", test.size()).put("n_probes", probes.size())
                .put("epochs", epochs).put("term_weight", termWeight).put("acc_teacher", accTeacher).put("acc_teacher_untrained", accUntrained);

        KnowledgeEstimator estimator = KnowledgeEstimator.builder().components(5).clusters(10)
                .replicates(replicates).seed(seed).build();
        Map<String, double[]> red = new LinkedHashMap<>();
        Map<String, double[]> uni = new LinkedHashMap<>();
        double se = 0;
        List<String[]> runs = List.of(new String[] {"baseline", "trained"}, new String[] {"kd", "trained"},
                new String[] {"vid", "trained"}, new String[] {"rid", "trained"}, new String[] {"kd", "untrained"},
                new String[] {"vid", "untrained"}, new String[] {"rid", "untrained"});
        for (String[] r : runs) {
            String method = r[0];
            MultiLayerNetworkTeacher teacher = r[1].equals("trained") ? trained : untrained;
            String label = method + "_" + r[1];
            KnowledgeTracker tracker = KnowledgeTracker.of(teacher, -1, -1, probes.features(), probes.labels(),
                    estimator);
            RepresentationDistillationConfig config = RepresentationDistillationConfig.builder()
                    .method(method.equals("baseline") ? Method.NONE : Method.valueOf(method.toUpperCase()))
                    .student(MlpArchitecture.of(784, STUDENT_HIDDEN, 10)).weights(1.0, termWeight).temperature(4.0)
                    .filterWidth(32).updater(new Adam(1e-3)).batchSize(64).epochs(epochs).seed(seed + 100).build();
            Console.progress("student %s: %d epochs on %d images", label, epochs, train.size());
            RepresentationDistiller distiller = new RepresentationDistiller(config);
            distiller.withListener(tracker).withListener(Console.epochs(label));
            MlpStudent student = distiller.distill(teacher,
                    TransferSources.fixed(train.features(), train.labels())).student();
            double acc = Measures.accuracy(student.predict(test.features()), test.labels());
            se = Math.max(se, Measures.standardError(acc, test.size()));
            List<KnowledgeTracker.Point> history = tracker.history();
            double[] reds = history.stream().mapToDouble(p -> p.estimate().distilled()).toArray();
            double[] unis = history.stream().mapToDouble(p -> p.estimate().distillable()).toArray();
            red.put(label, reds);
            uni.put(label, unis);
            KnowledgeTracker.Point last = history.get(history.size() - 1);
            result.put(method.equals("baseline") ? "acc_baseline" : "acc_" + label, acc);
            result.put("red_final_" + label, reds[reds.length - 1]);
            result.put("uni_final_" + label, unis[unis.length - 1]);
            out.printf("%-16s test accuracy %.4f | Red %.3f [%.3f, %.3f] bits | Uni %.3f [%.3f, %.3f] bits%n",
                    label, acc, last.estimate().distilled(), last.estimate().distilledInterval().lower(),
                    last.estimate().distilledInterval().upper(), last.estimate().distillable(),
                    last.estimate().distillableInterval().lower(), last.estimate().distillableInterval().upper());
        }
        result.put("se_acc", se);
        // the full run's figures are the guide's; a quick run's go to the (ignored) build folder
        Path figures = Path.of(args.option("figures", quick ? "docs/target/figures" : "docs/figures"));
        Files.createDirectories(figures);
        plot(red, "Distilled knowledge Red(Y:T,S) over epochs", "Red (bits)",
                figures.resolve(quick ? "pid_distillation_red_quick.png" : "pid_distillation_red.png"));
        plot(uni, "Distillable knowledge Uni(Y:T\\S) over epochs", "Uni (bits)",
                figures.resolve(quick ? "pid_distillation_uni_quick.png" : "pid_distillation_uni.png"));

        double baseline = (double) result.get("acc_baseline");
        double ridU = (double) result.get("acc_rid_untrained");
        double vidU = (double) result.get("acc_vid_untrained");
        double margin = 2 * Math.sqrt(2) * se; // two standard errors of a difference of two accuracies
        boolean ridNear = ridU >= baseline - margin;
        boolean vidFalls = vidU < baseline - margin && vidU < ridU - margin;
        result.put("rid_untrained_near_baseline", ridNear).put("vid_untrained_falls", vidFalls)
                .put("claim_holds", ridNear && vidFalls);
        out.printf("Paper's claim (CIFAR-10: no-KD 72.3%%, VID 39.8%% and RID 65.8%% with an untrained teacher): "
                + "with an untrained teacher RID stays near the no-KD baseline while VID falls.%n"
                + "Here: baseline %.4f, RID untrained %.4f (near: %s), VID untrained %.4f (falls: %s), margin %.4f "
                + "-> claim %s.%n", baseline, ridU, ridNear, vidU, vidFalls, margin,
                ridNear && vidFalls ? "holds" : "does not hold here");
        return result;
    }

    private static MultiLayerNetwork network(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU)
                        .weightInit(WeightInit.RELU).build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(128).activation(Activation.RELU)
                        .weightInit(WeightInit.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(128).nOut(10).activation(Activation.SOFTMAX)
                        .weightInit(WeightInit.XAVIER).build())
                .build());
        net.init();
        return net;
    }

    private static void fit(MultiLayerNetwork net, Dataset data, int epochs, long seed) {
        INDArray x = data.features();
        INDArray y = Nd4j.zeros(x.dataType(), data.size(), data.numClasses());
        for (int i = 0; i < data.size(); i++) {
            y.putScalar(i, data.label(i), 1.0);
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        int[] order = range(0, data.size());
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            for (int start = 0; start < order.length; start += 64) {
                int[] batch = java.util.Arrays.copyOfRange(order, start, Math.min(order.length, start + 64));
                net.fit(Nd4j.pullRows(x, 1, batch), Nd4j.pullRows(y, 1, batch));
            }
            Console.progress("teacher epoch %d/%d: loss %.4f", epoch + 1, epochs, net.score());
        }
    }

    private static void plot(Map<String, double[]> series, String title, String yLabel, Path file)
            throws java.io.IOException {
        LinePlot plot = LinePlot.titled(title).xLabel("epoch").yLabel(yLabel);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] xs = new double[e.getValue().length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = i + 1;
            }
            plot.series(e.getKey(), xs, e.getValue());
        }
        plot.write(file);
        Console.progress("wrote %s", file);
    }

    private static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }
}
