package org.distill4j.core.teacher;

import static org.distill4j.core.teacher.TinyNetworkFixtures.D;
import static org.distill4j.core.teacher.TinyNetworkFixtures.K;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.distill4j.core.contract.ConditionalTeacherContract;
import org.distill4j.core.contract.ContractInputs;
import org.junit.jupiter.api.Nested;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** {@link MultiLayerNetworkTeacher} against the teacher contract: FLOAT and DOUBLE, both Jacobian paths. */
class MultiLayerNetworkTeacherContractTest {

    private static final long NET_SEED = 42L;

    /** A FLOAT tanh network (dense-adjoint Jacobian), fed FLOAT inputs, default tolerances. */
    @Nested
    class FloatTanh extends ConditionalTeacherContract<MultiLayerNetworkTeacher> {
        @Override
        protected MultiLayerNetworkTeacher newTeacher() {
            return MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.TANH, DataType.FLOAT, NET_SEED));
        }
    }

    /** A DOUBLE ReLU network (dense-adjoint Jacobian), fed DOUBLE inputs, tight tolerance. */
    @Nested
    class DoubleRelu extends ConditionalTeacherContract<MultiLayerNetworkTeacher> {
        @Override
        protected MultiLayerNetworkTeacher newTeacher() {
            return MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.RELU, DataType.DOUBLE, NET_SEED));
        }

        @Override
        protected INDArray sampleInputs(MultiLayerNetworkTeacher teacher, int n, long seed) {
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

    /** A DOUBLE network with an activation layer and dropout (DL4J backprop Jacobian), tight tolerance. */
    @Nested
    class DoubleBackpropPath extends ConditionalTeacherContract<MultiLayerNetworkTeacher> {
        @Override
        protected MultiLayerNetworkTeacher newTeacher() {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(NET_SEED)
                    .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).list()
                    .layer(new DenseLayer.Builder().nIn(D).nOut(5).activation(Activation.IDENTITY).dropOut(0.5)
                            .build())
                    .layer(new ActivationLayer(Activation.TANH))
                    .layer(new OutputLayer.Builder(LossFunction.NEGATIVELOGLIKELIHOOD).nIn(5).nOut(K)
                            .activation(Activation.SOFTMAX).build())
                    .build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            MultiLayerNetworkTeacher teacher = MultiLayerNetworkTeacher.of(net);
            if (teacher.usesDenseAdjoints()) {
                throw new AssertionError("this fixture must exercise the backprop Jacobian path");
            }
            return teacher;
        }

        @Override
        protected INDArray sampleInputs(MultiLayerNetworkTeacher teacher, int n, long seed) {
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
