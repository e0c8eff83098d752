package org.distill4j.core.teacher;

import static org.distill4j.core.teacher.TinyNetworkFixtures.D;
import static org.distill4j.core.teacher.TinyNetworkFixtures.K;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.distill4j.core.contract.ConditionalTeacherContract;
import org.distill4j.core.contract.ContractInputs;
import org.junit.jupiter.api.Nested;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** {@link ComputationGraphTeacher} against the teacher contract: a FLOAT chain and a DOUBLE residual graph. */
class ComputationGraphTeacherContractTest {

    private static final long NET_SEED = 42L;

    /** A FLOAT ReLU chain "in" -> "h1" -> "h2" -> "out", fed FLOAT inputs, default tolerances. */
    @Nested
    class FloatRelu extends ConditionalTeacherContract<ComputationGraphTeacher> {
        @Override
        protected ComputationGraphTeacher newTeacher() {
            return ComputationGraphTeacher.of(TinyNetworkFixtures.graph(Activation.RELU, DataType.FLOAT, NET_SEED));
        }
    }

    /** A DOUBLE residual graph (a skip connection and an activation layer), tight tolerance. */
    @Nested
    class DoubleResidual extends ConditionalTeacherContract<ComputationGraphTeacher> {
        @Override
        protected ComputationGraphTeacher newTeacher() {
            ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(NET_SEED)
                    .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                    .addLayer("h1", new DenseLayer.Builder().nIn(D).nOut(D).activation(Activation.TANH).build(),
                            "in")
                    .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "in", "h1")
                    .addLayer("act", new ActivationLayer(Activation.SIGMOID), "sum")
                    .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(D).nOut(K)
                            .activation(Activation.SOFTMAX).build(), "act")
                    .setOutputs("out").build();
            ComputationGraph graph = new ComputationGraph(conf);
            graph.init();
            return ComputationGraphTeacher.of(graph);
        }

        @Override
        protected INDArray sampleInputs(ComputationGraphTeacher teacher, int n, long seed) {
            return ContractInputs.gaussian(n, teacher.inputSize(), seed, DataType.DOUBLE);
        }

        @Override
        protected double jacobianTolerance() {
            return 1e-6;
        }

        @Override
        protected double finiteDifferenceStep() {
            return 1e-5;
        }
    }
}
