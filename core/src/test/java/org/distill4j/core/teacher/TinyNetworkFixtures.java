package org.distill4j.core.teacher;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.distill4j.core.ConditionalTeacher;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Tiny seeded networks and numerical references for the teacher adapter tests. */
final class TinyNetworkFixtures {

    static final int D = 4;
    static final int K = 3;

    private TinyNetworkFixtures() {
    }

    /** {@code D-5-4-K} with two hidden layers of the given activation and a softmax output. */
    static MultiLayerNetwork mlp(Activation hidden, DataType type, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(type)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(D).nOut(5).activation(hidden).biasInit(0.1).build())
                .layer(new DenseLayer.Builder().nIn(5).nOut(4).activation(hidden).biasInit(0.1).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(4).nOut(K).activation(Activation.SOFTMAX)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The same architecture as {@link #mlp} as a computation graph "in" -> "h1" -> "h2" -> "out". */
    static ComputationGraph graph(Activation hidden, DataType type, long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(type)
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("h1", new DenseLayer.Builder().nIn(D).nOut(5).activation(hidden).biasInit(0.1).build(),
                        "in")
                .addLayer("h2", new DenseLayer.Builder().nIn(5).nOut(4).activation(hidden).biasInit(0.1).build(),
                        "h1")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(4).nOut(K)
                        .activation(Activation.SOFTMAX).build(), "h2")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** {@code [n, d]} standard normal rows from {@code new SplittableRandom(seed)}. */
    static INDArray gaussian(int n, int d, long seed, DataType type) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[n * d];
        for (int i = 0; i < values.length; i++) {
            double u = 1.0 - rng.nextDouble();
            values[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
        }
        return Nd4j.create(values, new long[] {n, d}, DataType.DOUBLE).castTo(type);
    }

    /** Central differences of {@code log predict} in double: {@code [n, K, d]}. */
    static INDArray centralDifferences(ConditionalTeacher teacher, INDArray inputs, double h) {
        INDArray x = inputs.castTo(DataType.DOUBLE);
        long n = x.size(0);
        long d = x.size(1);
        INDArray out = Nd4j.create(DataType.DOUBLE, n, teacher.outputSize(), d);
        for (int j = 0; j < d; j++) {
            INDArray plus = x.dup();
            INDArray minus = x.dup();
            plus.getColumn(j).addi(h);
            minus.getColumn(j).subi(h);
            INDArray diff = log(teacher.predict(plus)).sub(log(teacher.predict(minus))).divi(2 * h);
            for (int r = 0; r < n; r++) {
                for (int k = 0; k < teacher.outputSize(); k++) {
                    out.putScalar(new long[] {r, k, j}, diff.getDouble(r, k));
                }
            }
        }
        return out;
    }

    /** {@code max |a − b| / max |b|}. */
    static double relativeError(INDArray actual, INDArray expected) {
        INDArray a = actual.castTo(DataType.DOUBLE);
        INDArray b = expected.castTo(DataType.DOUBLE);
        return a.sub(b).amaxNumber().doubleValue() / Math.max(1e-300, b.amaxNumber().doubleValue());
    }

    private static INDArray log(INDArray p) {
        return Transforms.log(p.castTo(DataType.DOUBLE), true);
    }
}
