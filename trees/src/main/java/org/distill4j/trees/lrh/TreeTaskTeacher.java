package org.distill4j.trees.lrh;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.teacher.ComputationGraphTeacher;
import org.distill4j.core.teacher.HasHiddenRepresentation;
import org.distill4j.core.teacher.MultiLayerNetworkTeacher;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the teacher of the LRH experiments (Boix-Adsera 2024, arXiv:2403.09053, section 5) on a
 * {@link RandomTreeTask}, on fresh uniform inputs every epoch, until its accuracy on fresh test inputs reaches the
 * target or the epochs run out. Two architectures ({@link Architecture}):
 * <ul>
 *   <li>{@link Architecture#MLP}: a ReLU network {@code d → width × hiddenLayers → 2} (softmax) trained with Adam,
 *       wrapped as a {@link MultiLayerNetworkTeacher};</li>
 *   <li>{@link Architecture#RESNET}: the paper's teacher, a ReLU ResNet trained with SGD (Nesterov momentum 0.9):
 *       a first layer {@code h₁ = relu(W₁x + b₁)}, then {@code hiddenLayers − 1} residual blocks
 *       {@code hₗ = hₗ₋₁ + relu(Wₗhₗ₋₁ + bₗ)} (DL4J {@code ElementWiseVertex(Add)}), then a softmax layer; the paper's
 *       "5-layer ResNet of width 1000" is {@code hiddenLayers = 4} plus the output layer. Wrapped as a
 *       {@link ComputationGraphTeacher}.</li>
 * </ul>
 * Either teacher exposes its hidden representations: the pre- and post-activation of every hidden layer (and, for
 * the ResNet, every residual sum). Stateless; every random choice comes from {@code seed}.
 */
public final class TreeTaskTeacher {

    private static final Logger LOG = LoggerFactory.getLogger(TreeTaskTeacher.class);

    private TreeTaskTeacher() {
    }

    /** The teacher's network. */
    public enum Architecture {
        /** A plain ReLU MLP, trained with Adam. */
        MLP,
        /** A ReLU ResNet with residual blocks of one layer, trained with SGD and Nesterov momentum (the paper's). */
        RESNET
    }

    /**
     * How to train.
     *
     * @param architecture the network and its optimiser
     * @param width units per hidden layer, in {@code [1, 1000]}
     * @param hiddenLayers hidden layers, {@code >= 1}
     * @param batchSize rows per step, {@code >= 1}
     * @param learningRate Adam's (MLP) or SGD's (ResNet) step size, {@code > 0}
     * @param samplesPerEpoch fresh inputs per epoch, {@code >= 1}
     * @param maxEpochs the most epochs, {@code >= 1}
     * @param targetAccuracy stop once the test accuracy reaches this, in (0, 1]
     * @param testSamples fresh test inputs measured after each epoch, {@code >= 1}
     * @param seed the network's initialisation and every input drawn
     */
    public record Settings(Architecture architecture, int width, int hiddenLayers, int batchSize,
            double learningRate, int samplesPerEpoch, int maxEpochs, double targetAccuracy, int testSamples,
            long seed) {

        /** Checks every field. */
        public Settings {
            checkNotNull(architecture, "architecture");
            checkArgument(width >= 1 && width <= 1000, "width must be in [1, 1000], got %s", width);
            checkArgument(hiddenLayers >= 1, "hiddenLayers must be >= 1, got %s", hiddenLayers);
            checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
            checkArgument(learningRate > 0, "learningRate must be > 0, got %s", learningRate);
            checkArgument(samplesPerEpoch >= 1, "samplesPerEpoch must be >= 1, got %s", samplesPerEpoch);
            checkArgument(maxEpochs >= 1, "maxEpochs must be >= 1, got %s", maxEpochs);
            checkArgument(targetAccuracy > 0 && targetAccuracy <= 1, "targetAccuracy must be in (0, 1], got %s",
                    targetAccuracy);
            checkArgument(testSamples >= 1, "testSamples must be >= 1, got %s", testSamples);
        }

        /**
         * Width 512, 3 hidden layers, batch 128, Adam 1e-3, 50,000 inputs per epoch, 40 epochs, target 0.999. (With
         * width 256 the teachers are as accurate, but LRH recovers depth-5 trees less often: their representations
         * hold the conjunctions less linearly.)
         */
        public static Settings defaults(long seed) {
            return new Settings(Architecture.MLP, 512, 3, 128, 1e-3, 50_000, 40, 0.999, 5000, seed);
        }

        /**
         * The paper's kind of teacher at a width this machine trains in a minute: a ResNet of width 256 with 4 hidden
         * layers (a first layer and 3 residual blocks) and a softmax layer, SGD with Nesterov momentum 0.9 and step
         * 0.05, batch 128, 50,000 inputs per epoch, 40 epochs, target 0.999.
         */
        public static Settings resnetDefaults(long seed) {
            return resnet(256, seed);
        }

        /**
         * {@link #resnetDefaults} at another width, with the SGD step scaled as {@code 0.05 · 256 / width}: the
         * residual stream sums the blocks' outputs, and a step that suits width 256 makes width 1000 diverge at once
         * (test accuracy 0.5 from the first epoch at step 0.05; 0.9992 after one epoch at 0.0125, d = 100, r = 2).
         *
         * @param width in {@code [1, 1000]}
         */
        public static Settings resnet(int width, long seed) {
            return new Settings(Architecture.RESNET, width, 4, 128, resnetLearningRate(width), 50_000, 40, 0.999,
                    5000, seed);
        }

        /** The ResNet's SGD step for a width: {@code 0.05 · 256 / width}. */
        public static double resnetLearningRate(int width) {
            checkArgument(width >= 1, "width must be >= 1, got %s", width);
            return 0.05 * 256 / width;
        }

        /** These settings with another architecture. */
        public Settings withArchitecture(Architecture a) {
            return new Settings(a, width, hiddenLayers, batchSize, learningRate, samplesPerEpoch, maxEpochs,
                    targetAccuracy, testSamples, seed);
        }
    }

    /**
     * A trained teacher.
     *
     * @param teacher the network: a {@link MultiLayerNetworkTeacher} or a {@link ComputationGraphTeacher}, both
     *     {@link HasHiddenRepresentation}
     * @param testAccuracy its accuracy on the last fresh test inputs
     * @param epochs the epochs trained
     * @param samplesSeen the training inputs drawn
     */
    public record Trained(ConditionalTeacher teacher, double testAccuracy, int epochs, long samplesSeen) {

        /** Checks that the teacher exposes its representation. */
        public Trained {
            checkArgument(teacher instanceof HasHiddenRepresentation,
                    "teacher must expose its hidden representations, got %s", teacher);
        }
    }

    /** Trains a teacher for {@code task}. */
    public static Trained train(RandomTreeTask task, Settings settings) {
        checkNotNull(task, "task");
        checkNotNull(settings, "settings");
        SplittableRandom rng = new SplittableRandom(settings.seed());
        long initSeed = rng.nextLong();
        Network network = settings.architecture() == Architecture.RESNET
                ? graph(resnet(task.inputSize(), settings, initSeed))
                : mlp(mlpArchitecture(task.inputSize(), settings, initSeed));
        INDArray test = task.sampleInputs(settings.testSamples(), rng.split());
        int[] testLabels = task.classes(test);
        double accuracy = 0;
        int epoch = 0;
        long seen = 0;
        while (epoch < settings.maxEpochs() && accuracy < settings.targetAccuracy()) {
            INDArray x = task.sampleInputs(settings.samplesPerEpoch(), rng.split());
            INDArray y = oneHot(task.classes(x));
            for (int from = 0; from < settings.samplesPerEpoch(); from += settings.batchSize()) {
                int to = Math.min(settings.samplesPerEpoch(), from + settings.batchSize());
                network.fit(x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()),
                        y.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
            }
            seen += settings.samplesPerEpoch();
            epoch++;
            accuracy = accuracy(network.output(test), testLabels);
            LOG.info("tree-task teacher ({}, d={}, r={}): epoch {}, test accuracy {}", settings.architecture(),
                    task.inputSize(), task.depth(), epoch, accuracy);
        }
        return new Trained(network.teacher(), accuracy, epoch, seen);
    }

    /** What training needs of a DL4J network, whichever its kind. */
    private interface Network {
        void fit(INDArray x, INDArray y);

        INDArray output(INDArray x);

        ConditionalTeacher teacher();
    }

    private static Network mlp(MultiLayerConfiguration conf) {
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return new Network() {
            @Override
            public void fit(INDArray x, INDArray y) {
                network.fit(x, y);
            }

            @Override
            public INDArray output(INDArray x) {
                return network.output(x, false);
            }

            @Override
            public ConditionalTeacher teacher() {
                return MultiLayerNetworkTeacher.of(network);
            }
        };
    }

    private static Network graph(ComputationGraphConfiguration conf) {
        ComputationGraph network = new ComputationGraph(conf);
        network.init();
        return new Network() {
            @Override
            public void fit(INDArray x, INDArray y) {
                network.fit(new INDArray[] {x}, new INDArray[] {y});
            }

            @Override
            public INDArray output(INDArray x) {
                return network.outputSingle(false, x);
            }

            @Override
            public ConditionalTeacher teacher() {
                return ComputationGraphTeacher.of(network);
            }
        };
    }

    private static MultiLayerConfiguration mlpArchitecture(int d, Settings s, long seed) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).updater(new Adam(s.learningRate())).list();
        int in = d;
        for (int l = 0; l < s.hiddenLayers(); l++) {
            layers.layer(new DenseLayer.Builder().nIn(in).nOut(s.width()).activation(Activation.RELU)
                    .weightInit(WeightInit.RELU).build());
            in = s.width();
        }
        layers.layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(in).nOut(2).activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER).build());
        return layers.build();
    }

    /**
     * Vertices {@code layer1}, then per block l = 2..L a dense layer {@code layer<l>} reading {@code h<l-1>} and the
     * sum {@code h<l> = h<l-1> + layer<l>} ({@code h1} is {@code layer1}), then {@code output}.
     */
    static ComputationGraphConfiguration resnet(int d, Settings s, long seed) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).updater(new Nesterovs(s.learningRate(), 0.9)).graphBuilder()
                .addInputs("input");
        g.addLayer("layer1", new DenseLayer.Builder().nIn(d).nOut(s.width()).activation(Activation.RELU)
                .weightInit(WeightInit.RELU).build(), "input");
        String h = "layer1";
        for (int l = 2; l <= s.hiddenLayers(); l++) {
            g.addLayer("layer" + l, new DenseLayer.Builder().nIn(s.width()).nOut(s.width())
                    .activation(Activation.RELU).weightInit(WeightInit.RELU).build(), h);
            g.addVertex("h" + l, new ElementWiseVertex(ElementWiseVertex.Op.Add), h, "layer" + l);
            h = "h" + l;
        }
        g.addLayer("output", new OutputLayer.Builder(LossFunction.MCXENT).nIn(s.width()).nOut(2)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), h);
        return g.setOutputs("output").build();
    }

    private static INDArray oneHot(int[] classes) {
        float[] v = new float[classes.length * 2];
        for (int i = 0; i < classes.length; i++) {
            v[2 * i + classes[i]] = 1;
        }
        return Nd4j.create(v, new long[] {classes.length, 2}, DataType.FLOAT);
    }

    private static double accuracy(INDArray probabilities, int[] labels) {
        float[] p = probabilities.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += (p[2 * i + 1] > p[2 * i] ? 1 : 0) == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }
}
