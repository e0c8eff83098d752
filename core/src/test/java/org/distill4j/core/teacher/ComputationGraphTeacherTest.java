package org.distill4j.core.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.distill4j.core.teacher.TinyNetworkFixtures.D;
import static org.distill4j.core.teacher.TinyNetworkFixtures.K;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

class ComputationGraphTeacherTest {

    private static final long SEED = 24030953L;

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "TANH"})
    void jacobianMatchesCentralDifferences(Activation activation) {
        ComputationGraphTeacher teacher = ComputationGraphTeacher.of(TinyNetworkFixtures.graph(activation, DataType.DOUBLE, SEED));
        INDArray x = TinyNetworkFixtures.gaussian(6, D, SEED, DataType.DOUBLE);

        INDArray jacobian = teacher.logProbabilityJacobian(x);

        assertThat(jacobian.shape()).containsExactly(6, K, D);
        assertThat(TinyNetworkFixtures.relativeError(jacobian, TinyNetworkFixtures.centralDifferences(teacher, x, 1e-6)))
                .as("seed %s", SEED).isLessThan(1e-5);
    }

    @Test
    void agreesWithTheSameNetworkAsAMultiLayerNetwork() {
        ComputationGraph graph = TinyNetworkFixtures.graph(Activation.RELU, DataType.DOUBLE, SEED);
        MultiLayerNetwork net = TinyNetworkFixtures.mlp(Activation.RELU, DataType.DOUBLE, SEED);
        net.setParams(graph.params());
        ComputationGraphTeacher graphTeacher = ComputationGraphTeacher.of(graph);
        MultiLayerNetworkTeacher netTeacher = MultiLayerNetworkTeacher.of(net);
        INDArray x = TinyNetworkFixtures.gaussian(7, D, SEED, DataType.DOUBLE);

        assertThat(TinyNetworkFixtures.relativeError(graphTeacher.predict(x), netTeacher.predict(x))).isLessThan(1e-12);
        assertThat(TinyNetworkFixtures.relativeError(graphTeacher.logProbabilityJacobian(x),
                netTeacher.jacobianByDenseAdjoints(x))).isLessThan(1e-12);
        List<INDArray> graphPhi = graphTeacher.hiddenRepresentations(x);
        List<INDArray> netPhi = netTeacher.hiddenRepresentations(x);
        assertThat(graphPhi).hasSameSizeAs(netPhi).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(TinyNetworkFixtures.relativeError(graphPhi.get(i), netPhi.get(i))).as("representation %s", i)
                    .isLessThan(1e-12);
        }
        assertThat(graphTeacher.parameterCount()).isEqualTo(netTeacher.parameterCount());
    }

    @Test
    void residualGraphHasExactJacobianAndRepresentationsOfEveryVertex() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(SEED)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("h1", new DenseLayer.Builder().nIn(D).nOut(D).activation(Activation.TANH).build(), "in")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "in", "h1")
                .addLayer("act", new ActivationLayer(Activation.SIGMOID), "sum")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(D).nOut(K)
                        .activation(Activation.SOFTMAX).build(), "act")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        ComputationGraphTeacher teacher = ComputationGraphTeacher.of(graph);
        INDArray x = TinyNetworkFixtures.gaussian(5, D, SEED, DataType.DOUBLE);

        INDArray jacobian = teacher.logProbabilityJacobian(x);
        List<INDArray> phi = teacher.hiddenRepresentations(x);

        assertThat(TinyNetworkFixtures.relativeError(jacobian, TinyNetworkFixtures.centralDifferences(teacher, x, 1e-6)))
                .isLessThan(1e-5);
        assertThat(phi).as("h1 pre, h1 post, sum, act pre, act post").hasSize(5);
        INDArray pre = x.mmul(graph.getLayer("h1").getParam("W")).addRowVector(graph.getLayer("h1").getParam("b"));
        assertThat(TinyNetworkFixtures.relativeError(phi.get(0), pre)).isLessThan(1e-12);
        assertThat(TinyNetworkFixtures.relativeError(phi.get(1), Transforms.tanh(pre, true))).isLessThan(1e-12);
        assertThat(TinyNetworkFixtures.relativeError(phi.get(2), x.add(phi.get(1)))).isLessThan(1e-12);
        assertThat(phi.get(3)).isEqualTo(phi.get(2));
        assertThat(TinyNetworkFixtures.relativeError(phi.get(4), Transforms.sigmoid(phi.get(2), true))).isLessThan(1e-12);
        assertThat(teacher.predict(x)).isEqualTo(graph.outputSingle(x));
    }

    @Test
    void seesInPlaceParameterUpdatesOfTheGraph() {
        ComputationGraph graph = TinyNetworkFixtures.graph(Activation.TANH, DataType.DOUBLE, SEED);
        ComputationGraphTeacher teacher = ComputationGraphTeacher.of(graph);
        INDArray x = TinyNetworkFixtures.gaussian(3, D, SEED, DataType.DOUBLE);
        INDArray before = teacher.predict(x);

        graph.setParams(graph.params().mul(1.5));

        assertThat(teacher.predict(x)).isEqualTo(graph.outputSingle(x)).isNotEqualTo(before);
        assertThat(teacher.parameterCount()).isEqualTo(graph.numParams());
    }

    @Test
    void rejectsANonSoftmaxOutput() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MSE).nIn(D).nOut(K)
                        .activation(Activation.IDENTITY).build(), "in")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();

        assertThatThrownBy(() -> ComputationGraphTeacher.of(graph)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"out\"").hasMessageContaining("softmax").hasMessageContaining("identity");
    }

    @Test
    void rejectsAnUninitialisedGraph() {
        ComputationGraph graph = new ComputationGraph(
                TinyNetworkFixtures.graph(Activation.RELU, DataType.DOUBLE, SEED).getConfiguration());

        assertThatThrownBy(() -> ComputationGraphTeacher.of(graph)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("init");
    }

    @Test
    void rejectsTwoInputs() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("a", "b")
                .addLayer("h", new DenseLayer.Builder().nIn(2 * D).nOut(3).build(), "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(3).nOut(K)
                        .activation(Activation.SOFTMAX).build(), "h")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();

        assertThatThrownBy(() -> ComputationGraphTeacher.of(graph)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one input").hasMessageContaining("[a, b]");
    }

    @Test
    void rejectsBadInputs() {
        ComputationGraphTeacher teacher = ComputationGraphTeacher.of(TinyNetworkFixtures.graph(Activation.RELU, DataType.FLOAT, SEED));
        INDArray nan = TinyNetworkFixtures.gaussian(2, D, SEED, DataType.FLOAT);
        nan.putScalar(0, 1, Double.NaN);

        assertThatThrownBy(() -> teacher.predict(Nd4j.zeros(DataType.FLOAT, 2, D - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[n, " + D + "]");
        assertThatThrownBy(() -> teacher.logProbabilityJacobian(nan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
    }
}
