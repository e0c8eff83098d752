package org.distill4j.core.teacher;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the ensemble teacher of Papamakarios (2015, arXiv 1510.02437, ch. 2): {@code M} ReLU networks with
 * softmax outputs, each on its own bootstrap resample, averaged by {@link EnsembleTeacher#averagingProbabilities}.
 * Used by examples, the tour and reproductions to make teachers; distillation itself never trains teachers.
 *
 * <p><b>Reproducibility.</b> A {@code SplittableRandom(config.seed())} is split once per member, in order; each
 * member's split seeds its DL4J network ({@code .seed(...)}), draws its bootstrap resample and shuffles its
 * minibatches every epoch. The same configuration and data give the same ensemble.
 *
 * <p>Progress is logged through SLF4J at INFO once per member and epoch (mean training loss); nothing is
 * printed. Instances are immutable and thread-safe; {@link #train} never modifies its arguments.
 */
public final class EnsembleTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(EnsembleTrainer.class);

    private final EnsembleTrainerConfig config;

    /** A trainer for {@code config}. */
    public EnsembleTrainer(EnsembleTrainerConfig config) {
        this.config = checkNotNull(config, "config");
    }

    /** The configuration. */
    public EnsembleTrainerConfig config() {
        return config;
    }

    /**
     * Trains the ensemble.
     *
     * @param features {@code [n, layerSizes[0]]} finite values, not modified
     * @param labels {@code n} class indices in {@code [0, numClasses)}, not modified
     * @param numClasses the number of classes; must equal the last layer size
     * @return an ensemble of {@link MultiLayerNetworkTeacher}s (it implements {@link HasInputJacobian} and
     *     {@link HasParameterCount})
     */
    public EnsembleTeacher train(INDArray features, int[] labels, int numClasses) {
        TeacherInputs.checkBatch(features, config.inputSize(), "features");
        checkNotNull(labels, "labels");
        checkArgument(labels.length == features.size(0), "labels must have one entry per row of features (%s), "
                + "got %s", features.size(0), labels.length);
        checkArgument(numClasses == config.numClasses(), "numClasses must equal the last layer size %s, got %s",
                config.numClasses(), numClasses);
        for (int i = 0; i < labels.length; i++) {
            checkArgument(labels[i] >= 0 && labels[i] < numClasses, "labels[%s] must be in [0, %s), got %s", i,
                    numClasses, labels[i]);
        }
        INDArray x = TeacherInputs.copyAs(features, config.dataType());
        INDArray y = Nd4j.create(config.dataType(), labels.length, numClasses);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1.0);
        }
        SplittableRandom root = new SplittableRandom(config.seed());
        List<MultiLayerNetworkTeacher> members = new ArrayList<>(config.members());
        for (int m = 0; m < config.members(); m++) {
            members.add(MultiLayerNetworkTeacher.of(trainMember(m, x, y, root.split())));
        }
        return EnsembleTeacher.averagingProbabilities(members);
    }

    private MultiLayerNetwork trainMember(int member, INDArray x, INDArray y, SplittableRandom random) {
        MultiLayerNetwork network = new MultiLayerNetwork(architecture(random.nextLong()));
        network.init();
        int n = (int) x.size(0);
        int[] sample = new int[n];
        for (int i = 0; i < n; i++) {
            sample[i] = config.bootstrap() ? random.nextInt(n) : i;
        }
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            shuffle(sample, random);
            double loss = 0;
            for (int start = 0; start < n; start += config.batchSize()) {
                int[] batch = Arrays.copyOfRange(sample, start, Math.min(n, start + config.batchSize()));
                // pullRows gathers in one native call (getRows copies row by row)
                network.fit(Nd4j.pullRows(x, 1, batch), Nd4j.pullRows(y, 1, batch));
                loss += network.score() * batch.length;
            }
            LOG.info("ensemble member {}/{}, epoch {}/{}: mean training loss {}", member + 1, config.members(),
                    epoch + 1, config.epochs(), loss / n);
        }
        return network;
    }

    private org.deeplearning4j.nn.conf.MultiLayerConfiguration architecture(long seed) {
        List<Integer> sizes = config.layerSizes();
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(config.dataType()).updater(new Adam(config.learningRate())).list();
        for (int l = 0; l < sizes.size() - 2; l++) {
            layers.layer(new DenseLayer.Builder().nIn(sizes.get(l)).nOut(sizes.get(l + 1))
                    .activation(Activation.RELU).weightInit(WeightInit.RELU).build());
        }
        layers.layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(sizes.get(sizes.size() - 2))
                .nOut(sizes.get(sizes.size() - 1)).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER)
                .build());
        return layers.build();
    }

    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    @Override
    public String toString() {
        return "EnsembleTrainer[" + config + "]";
    }
}
