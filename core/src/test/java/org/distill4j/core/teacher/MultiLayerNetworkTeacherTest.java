package org.distill4j.core.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.distill4j.core.teacher.TinyNetworkFixtures.D;
import static org.distill4j.core.teacher.TinyNetworkFixtures.K;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

class MultiLayerNetworkTeacherTest {

    private static final long SEED = 20150924L;

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "TANH"})
    void jacobianMatchesCentralDifferences(Activation activation) {
        MultiLayerNetworkTeacher teacher = MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(activation, DataType.DOUBLE, SEED));
        INDArray x = TinyNetworkFixtures.gaussian(6, D, SEED, DataType.DOUBLE);
        INDArray numeric = TinyNetworkFixtures.centralDifferences(teacher, x, 1e-6);

        INDArray jacobian = teacher.logProbabilityJacobian(x);

        assertThat(jacobian.shape()).containsExactly(6, K, D);
        assertThat(jacobian.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(teacher.hasExactDerivatives()).isTrue();
        assertThat(TinyNetworkFixtures.relativeError(jacobian, numeric)).as("seed %s", SEED).isLessThan(1e-5);
        assertThat(TinyNetworkFixtures.relativeError(teacher.jacobianByBackprop(x), numeric)).isLessThan(1e-5);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "TANH", "SIGMOID"})
    void denseAdjointPathEqualsBackpropPath(Activation activation) {
        MultiLayerNetworkTeacher teacher = MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(activation, DataType.DOUBLE, SEED));
        assertThat(teacher.usesDenseAdjoints()).isTrue();
        INDArray x = TinyNetworkFixtures.gaussian(9, D, SEED + 1, DataType.DOUBLE);

        INDArray fast = teacher.jacobianByDenseAdjoints(x);
        INDArray generic = teacher.jacobianByBackprop(x);

        assertThat(fast.shape()).containsExactly(9, K, D);
        assertThat(TinyNetworkFixtures.relativeError(fast, generic)).isLessThan(1e-12);
    }

    @Test
    void backpropPathHandlesBatchesLargerThanOnePass() {
        MultiLayerNetworkTeacher teacher = MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.TANH, DataType.DOUBLE, SEED));
        int n = BackpropJacobian.MAX_ROWS_PER_PASS / K + 5;
        INDArray x = TinyNetworkFixtures.gaussian(n, D, SEED, DataType.DOUBLE);

        INDArray generic = teacher.jacobianByBackprop(x);

        assertThat(TinyNetworkFixtures.relativeError(generic, teacher.jacobianByDenseAdjoints(x))).isLessThan(1e-12);
    }

    @Test
    void denseAdjointPathHandlesBatchesInChunks() {
        MultiLayerNetwork net = TinyNetworkFixtures.mlp(Activation.RELU, DataType.DOUBLE, SEED);
        List<DenseAdjointJacobian.Dense> hidden = List.of(
                new DenseAdjointJacobian.Dense(net.getLayer(0).getParam("W"), net.getLayer(0).getParam("b"),
                        Activation.RELU.getActivationFunction()),
                new DenseAdjointJacobian.Dense(net.getLayer(1).getParam("W"), net.getLayer(1).getParam("b"),
                        Activation.RELU.getActivationFunction()));
        DenseAdjointJacobian.Dense output = new DenseAdjointJacobian.Dense(net.getLayer(2).getParam("W"),
                net.getLayer(2).getParam("b"), Activation.SOFTMAX.getActivationFunction());
        INDArray x = TinyNetworkFixtures.gaussian(11, D, SEED, DataType.DOUBLE);

        INDArray chunked = DenseAdjointJacobian.jacobian(x, hidden, output, 2L * K * 5);

        assertThat(TinyNetworkFixtures.relativeError(chunked, MultiLayerNetworkTeacher.of(net).jacobianByBackprop(x)))
                .isLessThan(1e-12);
    }

    @Test
    void jacobianOfAFloatNetworkIsCloseToTheDoubleOne() {
        MultiLayerNetwork doubleNet = TinyNetworkFixtures.mlp(Activation.TANH, DataType.DOUBLE, SEED);
        MultiLayerNetwork floatNet = TinyNetworkFixtures.mlp(Activation.TANH, DataType.FLOAT, SEED);
        floatNet.setParams(doubleNet.params().castTo(DataType.FLOAT));
        INDArray x = TinyNetworkFixtures.gaussian(5, D, SEED, DataType.FLOAT);

        INDArray single = MultiLayerNetworkTeacher.of(floatNet).logProbabilityJacobian(x);
        INDArray reference = MultiLayerNetworkTeacher.of(doubleNet).logProbabilityJacobian(x);

        assertThat(single.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(TinyNetworkFixtures.relativeError(single, reference)).isLessThan(1e-5);
    }

    @Test
    void jacobianVectorProductEqualsJacobianTimesDirection() {
        MultiLayerNetworkTeacher teacher = MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.RELU, DataType.DOUBLE, SEED));
        INDArray x = TinyNetworkFixtures.gaussian(4, D, SEED, DataType.DOUBLE);
        INDArray v = TinyNetworkFixtures.gaussian(4, D, SEED + 7, DataType.DOUBLE);
        INDArray jacobian = teacher.logProbabilityJacobian(x);

        INDArray jvp = teacher.logProbabilityJvp(x, v);

        for (int r = 0; r < 4; r++) {
            for (int k = 0; k < K; k++) {
                double expected = 0;
                for (int j = 0; j < D; j++) {
                    expected += jacobian.getDouble(r, k, j) * v.getDouble(r, j);
                }
                assertThat(jvp.getDouble(r, k)).isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void predictEqualsTheNetworkOutputAndLeavesInputsAlone() {
        MultiLayerNetwork net = TinyNetworkFixtures.mlp(Activation.RELU, DataType.FLOAT, SEED);
        MultiLayerNetworkTeacher teacher = MultiLayerNetworkTeacher.of(net);
        INDArray x = TinyNetworkFixtures.gaussian(7, D, SEED, DataType.DOUBLE);
        INDArray copy = x.dup();

        INDArray p = teacher.predict(x);

        assertThat(x).isEqualTo(copy);
        assertThat(p.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(p).isEqualTo(net.output(x.castTo(DataType.FLOAT)));
        assertThat(p.sum(1).sub(1.0).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(teacher.inputSize()).isEqualTo(D);
        assertThat(teacher.outputSize()).isEqualTo(K);
        assertThat(teacher.parameterCount()).isEqualTo(net.numParams()).isEqualTo(D * 5 + 5 + 5 * 4 + 4 + 4 * K + K);
    }

    @Test
    void seesInPlaceParameterUpdatesOfTheNetwork() {
        MultiLayerNetwork net = TinyNetworkFixtures.mlp(Activation.TANH, DataType.DOUBLE, SEED);
        MultiLayerNetworkTeacher teacher = MultiLayerNetworkTeacher.of(net);
        INDArray x = TinyNetworkFixtures.gaussian(3, D, SEED, DataType.DOUBLE);
        INDArray before = teacher.predict(x);

        net.setParams(net.params().mul(1.5));

        assertThat(teacher.predict(x)).isEqualTo(net.output(x)).isNotEqualTo(before);
    }

    @Test
    void hiddenRepresentationsArePreAndPostActivationsOfEveryHiddenLayer() {
        MultiLayerNetwork net = TinyNetworkFixtures.mlp(Activation.TANH, DataType.DOUBLE, SEED);
        MultiLayerNetworkTeacher teacher = MultiLayerNetworkTeacher.of(net);
        INDArray x = TinyNetworkFixtures.gaussian(6, D, SEED, DataType.DOUBLE);

        List<INDArray> phi = teacher.hiddenRepresentations(x);

        assertThat(phi).hasSize(4);
        assertThat(phi.get(0).shape()).containsExactly(6, 5);
        assertThat(phi.get(1).shape()).containsExactly(6, 5);
        assertThat(phi.get(2).shape()).containsExactly(6, 4);
        assertThat(phi.get(3).shape()).containsExactly(6, 4);
        INDArray pre1 = x.mmul(net.getLayer(0).getParam("W")).addRowVector(net.getLayer(0).getParam("b"));
        assertThat(TinyNetworkFixtures.relativeError(phi.get(0), pre1)).isLessThan(1e-12);
        assertThat(TinyNetworkFixtures.relativeError(phi.get(1), Transforms.tanh(phi.get(0), true))).isLessThan(1e-12);
        INDArray pre2 = phi.get(1).mmul(net.getLayer(1).getParam("W")).addRowVector(net.getLayer(1).getParam("b"));
        assertThat(TinyNetworkFixtures.relativeError(phi.get(2), pre2)).isLessThan(1e-12);
        assertThat(TinyNetworkFixtures.relativeError(phi.get(3), Transforms.tanh(phi.get(2), true))).isLessThan(1e-12);
        assertThat(phi.get(3)).isEqualTo(net.feedForward(x, false).get(2));
    }

    @Test
    void activationLayersAndNoisyNetworksAreHandledByTheBackpropPath() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(SEED).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(D).nOut(5).activation(Activation.IDENTITY).dropOut(0.5).build())
                .layer(new ActivationLayer(Activation.TANH))
                .layer(new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.NEGATIVELOGLIKELIHOOD).nIn(4).nOut(K)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        MultiLayerNetworkTeacher teacher = MultiLayerNetworkTeacher.of(net);
        INDArray x = TinyNetworkFixtures.gaussian(5, D, SEED, DataType.DOUBLE);

        INDArray jacobian = teacher.logProbabilityJacobian(x);
        List<INDArray> phi = teacher.hiddenRepresentations(x);

        assertThat(teacher.usesDenseAdjoints()).isFalse();
        assertThat(TinyNetworkFixtures.relativeError(jacobian, TinyNetworkFixtures.centralDifferences(teacher, x, 1e-6)))
                .isLessThan(1e-5);
        assertThat(phi).hasSize(6);
        assertThat(phi.get(1)).as("identity dense: post = pre").isEqualTo(phi.get(0));
        assertThat(phi.get(2)).as("activation layer: pre = its input").isEqualTo(phi.get(1));
        assertThat(TinyNetworkFixtures.relativeError(phi.get(3), Transforms.tanh(phi.get(2), true))).isLessThan(1e-12);
        assertThat(TinyNetworkFixtures.relativeError(phi.get(5), Transforms.relu(phi.get(4), true))).isLessThan(1e-12);
    }

    @Test
    void batchNormalisedNetworksPredictButHaveNoExactJacobian() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(SEED).dataType(DataType.DOUBLE)
                .list()
                .layer(new DenseLayer.Builder().nIn(D).nOut(5).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().nIn(5).nOut(5).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(5).nOut(K).activation(Activation.SOFTMAX)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        MultiLayerNetworkTeacher teacher = MultiLayerNetworkTeacher.of(net);
        INDArray x = TinyNetworkFixtures.gaussian(3, D, SEED, DataType.DOUBLE);

        assertThat(teacher.predict(x)).isEqualTo(net.output(x));
        assertThatThrownBy(() -> teacher.logProbabilityJacobian(x))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("layer 1")
                .hasMessageContaining("BatchNormalization");
    }

    @Test
    void rejectsANonSoftmaxOutputLayer() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(D).nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(5).nOut(K).activation(Activation.SIGMOID)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        assertThatThrownBy(() -> MultiLayerNetworkTeacher.of(net)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("softmax").hasMessageContaining("sigmoid");
    }

    @Test
    void rejectsASoftmaxOutputWithTheWrongLoss() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(D).nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(5).nOut(K).activation(Activation.SOFTMAX)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        assertThatThrownBy(() -> MultiLayerNetworkTeacher.of(net)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MCXENT").hasMessageContaining("MSE");
    }

    @Test
    void rejectsAnUninitialisedNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(TinyNetworkFixtures.mlp(Activation.RELU, DataType.DOUBLE, SEED)
                .getLayerWiseConfigurations());

        assertThatThrownBy(() -> MultiLayerNetworkTeacher.of(net)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("init");
    }

    @Test
    void rejectsInputsOfTheWrongWidthNamingBothShapes() {
        MultiLayerNetworkTeacher teacher = MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.RELU, DataType.DOUBLE, SEED));
        INDArray wrong = Nd4j.zeros(DataType.DOUBLE, 2, D + 1);

        assertThatThrownBy(() -> teacher.predict(wrong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[n, " + D + "]").hasMessageContaining("[2, " + (D + 1) + "]");
        assertThatThrownBy(() -> teacher.logProbabilityJacobian(wrong)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> teacher.hiddenRepresentations(Nd4j.zeros(DataType.DOUBLE, D)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 2");
    }

    @Test
    void rejectsNonFiniteInputs() {
        MultiLayerNetworkTeacher teacher = MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.RELU, DataType.DOUBLE, SEED));
        INDArray nan = TinyNetworkFixtures.gaussian(3, D, SEED, DataType.DOUBLE);
        nan.putScalar(1, 2, Double.NaN);
        INDArray inf = TinyNetworkFixtures.gaussian(3, D, SEED, DataType.FLOAT);
        inf.putScalar(0, 0, Double.NEGATIVE_INFINITY);

        assertThatThrownBy(() -> teacher.predict(nan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> teacher.logProbabilityJacobian(inf)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
    }

    @Test
    void concurrentPredictionEqualsSequential() throws Exception {
        MultiLayerNetworkTeacher teacher = MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.RELU, DataType.FLOAT, SEED));
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inputs.add(TinyNetworkFixtures.gaussian(5 + i, D, SEED + i, DataType.FLOAT));
            expected.add(teacher.predict(inputs.get(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<INDArray>> answers = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < 8; i++) {
                    INDArray x = inputs.get(i);
                    answers.add(pool.submit(() -> teacher.predict(x)));
                }
            }
            for (int j = 0; j < answers.size(); j++) {
                assertThat(answers.get(j).get()).as("answer %s", j).isEqualTo(expected.get(j % 8));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
