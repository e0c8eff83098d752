package org.distill4j.trees.lrh;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.distill4j.core.teacher.MultiLayerNetworkTeacher;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the teacher of the LRH experiments (Boix-Adsera 2024, arXiv:2403.09053, section 5) on a
 * {@link RandomTreeTask}: a ReLU network {@code d → width × hiddenLayers → 2} (softmax) trained with Adam on fresh
 * uniform inputs every epoch (the paper trains a 5-layer ResNet of width 1000 with SGD), until its accuracy on
 * fresh test inputs reaches the target or the epochs run out. The result exposes its hidden representations
 * ({@link MultiLayerNetworkTeacher}). Stateless; every random choice comes from {@code seed}.
 */
public final class TreeTaskTeacher {

    private static final Logger LOG = LoggerFactory.getLogger(TreeTaskTeacher.class);

    private TreeTaskTeacher() {
    }

    /**
     * How to train.
     *
     * @param width units per hidden layer, in {@code [1, 1000]}
     * @param hiddenLayers hidden layers, {@code >= 1}
     * @param batchSize rows per step, {@code >= 1}
     * @param learningRate Adam's step size, {@code > 0}
     * @param samplesPerEpoch fresh inputs per epoch, {@code >= 1}
     * @param maxEpochs the most epochs, {@code >= 1}
     * @param targetAccuracy stop once the test accuracy reaches this, in (0, 1]
     * @param testSamples fresh test inputs measured after each epoch, {@code >= 1}
     * @param seed the network's initialisation and every input drawn
     */
    public record Settings(int width, int hiddenLayers, int batchSize, double learningRate, int samplesPerEpoch,
            int maxEpochs, double targetAccuracy, int testSamples, long seed) {

        /** Checks every field. */
        public Settings {
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
            return new Settings(512, 3, 128, 1e-3, 50_000, 40, 0.999, 5000, seed);
        }
    }

    /**
     * A trained teacher.
     *
     * @param teacher the network
     * @param testAccuracy its accuracy on the last fresh test inputs
     * @param epochs the epochs trained
     * @param samplesSeen the training inputs drawn
     */
    public record Trained(MultiLayerNetworkTeacher teacher, double testAccuracy, int epochs, long samplesSeen) {
    }

    /** Trains a teacher for {@code task}. */
    public static Trained train(RandomTreeTask task, Settings settings) {
        checkNotNull(task, "task");
        checkNotNull(settings, "settings");
        SplittableRandom rng = new SplittableRandom(settings.seed());
        MultiLayerNetwork network = new MultiLayerNetwork(architecture(task.inputSize(), settings, rng.nextLong()));
        network.init();
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
                network.fit(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()), y.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()));
            }
            seen += settings.samplesPerEpoch();
            epoch++;
            accuracy = accuracy(network.output(test, false), testLabels);
            LOG.info("tree-task teacher (d={}, r={}): epoch {}, test accuracy {}", task.inputSize(), task.depth(),
                    epoch, accuracy);
        }
        return new Trained(MultiLayerNetworkTeacher.of(network), accuracy, epoch, seen);
    }

    private static MultiLayerConfiguration architecture(int d, Settings s, long seed) {
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
