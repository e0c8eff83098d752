package org.distill4j.bayes.bag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.distill4j.bayes.model.PredictiveModel;
import org.distill4j.bayes.sampler.MarkovChain;
import org.distill4j.bayes.fixtures.LogisticModelFixture;
import org.distill4j.bayes.fixtures.SampleFixtures;
import org.distill4j.core.contract.ContractInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PosteriorBagTest {

    private static final long SEED = 20151008L;
    private static final ModelCodecs CODECS = ModelCodecs.of(LogisticModelFixture.CODEC);

    @TempDir
    Path dir;

    @Test
    void savedAndLoadedBagPredictsIdentically() throws IOException {
        LogisticModelFixture model = LogisticModelFixture.softmax(3, 4);
        PosteriorBag bag = PosteriorBag.of(model, SampleFixtures.gaussian(7, model.parameterDimension(), SEED));
        Path file = dir.resolve("bag.d4j");
        bag.save(file, CODECS);
        PosteriorBag loaded = PosteriorBag.load(file, CODECS);

        assertThat(loaded.size()).isEqualTo(7);
        assertThat(loaded.dimension()).isEqualTo(model.parameterDimension());
        assertThat(loaded.model()).isInstanceOf(LogisticModelFixture.class);
        assertThat(loaded.model().outputSize()).isEqualTo(4);
        for (int s = 0; s < 7; s++) {
            assertThat(loaded.sample(s)).containsExactly(bag.sample(s));
        }
        INDArray x = ContractInputs.gaussian(9, 3, SEED, DataType.DOUBLE);
        assertThat(CategoricalPredictive.of(loaded).predict(x)).isEqualTo(CategoricalPredictive.of(bag).predict(x));
    }

    @Test
    void memoryIsEightBytesPerNumber() {
        LogisticModelFixture model = LogisticModelFixture.logistic(2);
        PosteriorBag bag = PosteriorBag.of(model, SampleFixtures.gaussian(100, 3, SEED));
        assertThat(bag.memoryBytes()).isEqualTo(8L * 100 * 3);
        assertThat(bag.samples().shape()).containsExactly(100, 3);
    }

    @Test
    void accessorsReturnCopies() {
        double[][] samples = SampleFixtures.gaussian(2, 3, SEED);
        PosteriorBag bag = PosteriorBag.of(LogisticModelFixture.logistic(2), samples);
        double first = samples[0][0];
        samples[0][0] = 99;
        bag.sample(0)[0] = 42;
        bag.samples().putScalar(0, 0, 7);
        assertThat(bag.sample(0)[0]).isEqualTo(first);
    }

    @Test
    void meanIsTheAverageOfTheSamples() {
        PosteriorBag bag = PosteriorBag.of(LogisticModelFixture.logistic(1), new double[][] {{1, 2}, {3, -2}});
        assertThat(bag.mean()).containsExactly(2, 0);
    }

    @Test
    void emptyBagIsRejected() {
        LogisticModelFixture model = LogisticModelFixture.logistic(2);
        assertThatThrownBy(() -> PosteriorBag.of(model, new double[0][]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> PosteriorBag.of(model, Nd4j.create(DataType.DOUBLE, 0, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void mismatchedDimensionNamesBoth() {
        LogisticModelFixture model = LogisticModelFixture.logistic(2);
        assertThatThrownBy(() -> PosteriorBag.of(model, new double[][] {{1, 2, 3}, {1, 2}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 2")
                .hasMessageContaining("parameterDimension 3");
        assertThatThrownBy(() -> PosteriorBag.of(model, Nd4j.create(DataType.DOUBLE, 4, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5")
                .hasMessageContaining("3");
    }

    @Test
    void nonFiniteSampleIsRejected() {
        assertThatThrownBy(() -> PosteriorBag.of(LogisticModelFixture.logistic(1),
                new double[][] {{1, 2}, {Double.NaN, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample 1");
    }

    @Test
    void fromChainKeepsEveryThinnedState() {
        int[] counter = {0};
        MarkovChain chain = new MarkovChain() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double[] state() {
                return new double[] {counter[0], 0};
            }

            @Override
            public double[] next() {
                counter[0]++;
                return state();
            }
        };
        PosteriorBag bag = PosteriorBag.fromChain(LogisticModelFixture.logistic(1), chain, 3, 2);
        assertThat(counter[0]).isEqualTo(6);
        assertThat(bag.sample(0)[0]).isEqualTo(2);
        assertThat(bag.sample(2)[0]).isEqualTo(6);
        assertThatThrownBy(() -> PosteriorBag.fromChain(LogisticModelFixture.logistic(1), chain, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> PosteriorBag.fromChain(LogisticModelFixture.logistic(3), chain, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 2")
                .hasMessageContaining("4");
    }

    @Test
    void savingWithoutACodecForTheModelNamesIt() {
        PredictiveModel model = LogisticModelFixture.logistic(1);
        PosteriorBag bag = PosteriorBag.of(model, new double[][] {{1, 2}});
        assertThatThrownBy(() -> bag.save(dir.resolve("x.d4j"), ModelCodecs.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LogisticModelFixture");
        assertThat(dir.resolve("x.d4j")).doesNotExist();
    }

    @Test
    void loadingAnUnknownKindOrInconsistentModelFails() throws IOException {
        PosteriorBag bag = PosteriorBag.of(LogisticModelFixture.logistic(1), new double[][] {{1, 2}});
        Path file = dir.resolve("bag.d4j");
        bag.save(file, CODECS);
        assertThatThrownBy(() -> PosteriorBag.load(file, ModelCodecs.of()))
                .isInstanceOf(IOException.class).hasMessageContaining("test-softmax");
        ModelCodec lying = ModelCodec.of("test-softmax", LogisticModelFixture.class, m -> Map.of(),
                d -> LogisticModelFixture.logistic(4));
        assertThatThrownBy(() -> PosteriorBag.load(file, ModelCodecs.of(lying)))
                .isInstanceOf(IOException.class).hasMessageContaining("dimension");
        ModelCodec broken = ModelCodec.of("test-softmax", LogisticModelFixture.class, m -> Map.of(),
                d -> LogisticModelFixture.logistic(((Number) d.get("missing")).intValue()));
        assertThatThrownBy(() -> PosteriorBag.load(file, ModelCodecs.of(broken)))
                .isInstanceOf(IOException.class).hasMessageContaining("test-softmax");
    }

    @Test
    void duplicateCodecKindsAreRejected() {
        assertThatThrownBy(() -> ModelCodecs.of(LogisticModelFixture.CODEC, LogisticModelFixture.CODEC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("test-softmax");
    }
}
