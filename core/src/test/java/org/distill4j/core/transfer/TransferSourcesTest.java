package org.distill4j.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.distill4j.core.data.EmbeddedDatasets;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TransferSourcesTest {

    private static final long SEED = 77L;

    /** Row i is (i, 10 i, 100 i): a row's content names it. */
    private static INDArray indexedRows(int n) {
        float[][] rows = new float[n][3];
        for (int i = 0; i < n; i++) {
            rows[i] = new float[] {i, 10f * i, 100f * i};
        }
        return Nd4j.createFromArray(rows);
    }

    private static int[] identityLabels(int n) {
        int[] labels = new int[n];
        Arrays.setAll(labels, i -> i);
        return labels;
    }

    private static List<TransferBatch> collect(TransferSource source, int batchSize, long seed) {
        List<TransferBatch> batches = new ArrayList<>();
        source.epoch(batchSize, new SplittableRandom(seed)).forEachRemaining(batches::add);
        return batches;
    }

    private static INDArray stacked(List<TransferBatch> batches) {
        return Nd4j.vstack(batches.stream().map(TransferBatch::inputs).toArray(INDArray[]::new));
    }

    private static void assertSameEpochs(List<TransferBatch> a, List<TransferBatch> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).inputs()).as("batch %s", i).isEqualTo(b.get(i).inputs());
            assertThat(a.get(i).labels()).as("batch %s", i).isEqualTo(b.get(i).labels());
        }
    }

    @Test
    void fixedEpochVisitsEveryRowOnceWithLabelsAndOrigins() {
        FixedRows source = TransferSources.fixed(indexedRows(23), identityLabels(23));
        List<TransferBatch> batches = collect(source, 5, SEED);
        assertThat(batches).extracting(b -> b.inputs().rows()).containsExactly(5, 5, 5, 5, 3);
        Set<Integer> seen = new HashSet<>();
        for (TransferBatch batch : batches) {
            assertThat(batch.inputs().dataType()).isEqualTo(DataType.FLOAT);
            TransferBatch.RowOrigin origin = batch.rowOrigin().orElseThrow();
            assertThat(origin.data()).isSameAs(source);
            for (int i = 0; i < batch.inputs().rows(); i++) {
                int row = (int) batch.inputs().getDouble(i, 0);
                assertThat(origin.rows()[i]).isEqualTo(row);
                assertThat(batch.labels()[i]).isEqualTo(row);
                assertThat(batch.inputs().getRow(i)).isEqualTo(source.rows().getRow(row));
                assertThat(seen.add(row)).as("row %s seen twice", row).isTrue();
            }
        }
        assertThat(seen).hasSize(23);
        assertThat(source.inputSize()).isEqualTo(3);
    }

    @Test
    void sameSeedSameEpochsDifferentSeedDifferentOrder() {
        FixedRows source = TransferSources.fixed(indexedRows(40));
        assertSameEpochs(collect(source, 7, SEED), collect(source, 7, SEED));
        assertThat(stacked(collect(source, 7, SEED))).isNotEqualTo(stacked(collect(source, 7, SEED + 1)));
        TransferSource noisy = TransferSources.perturbed(source, 0.5);
        assertSameEpochs(collect(noisy, 7, SEED), collect(noisy, 7, SEED));
        TransferSource cube = TransferSources.hypercube(6, 50);
        assertSameEpochs(collect(cube, 16, SEED), collect(cube, 16, SEED));
        assertThat(stacked(collect(cube, 16, SEED))).isNotEqualTo(stacked(collect(cube, 16, SEED + 1)));
        TransferSource both = TransferSources.concat(source, TransferSources.hypercube(3, 20), noisy);
        assertSameEpochs(collect(both, 9, SEED), collect(both, 9, SEED));
    }

    @Test
    void inputsAreNeverMutatedAndAreCopied() {
        INDArray inputs = indexedRows(10);
        INDArray before = inputs.dup();
        int[] labels = identityLabels(10);
        FixedRows source = TransferSources.fixed(inputs, labels);
        inputs.muli(-1);
        labels[0] = 99;
        assertThat(source.rows()).isEqualTo(before);
        for (TransferBatch batch : collect(TransferSources.perturbed(source, 1.0), 4, SEED)) {
            batch.inputs().assign(0); // batches are caller-owned
        }
        for (TransferBatch batch : collect(source, 4, SEED)) {
            batch.inputs().assign(0);
        }
        source.holdOut(3, new SplittableRandom(SEED)).heldOut().assign(0);
        assertThat(source.rows()).isEqualTo(before);
        assertThat(collect(source, 10, SEED).get(0).labels()).contains(0).doesNotContain(99);
    }

    @Test
    void fixedKeepsFloatingTypesAndConvertsOthersToFloat() {
        INDArray doubles = indexedRows(4).castTo(DataType.DOUBLE);
        assertThat(collect(TransferSources.fixed(doubles), 4, SEED).get(0).inputs().dataType())
                .isEqualTo(DataType.DOUBLE);
        INDArray ints = Nd4j.createFromArray(new int[][] {{1, 2}, {3, 4}});
        assertThat(TransferSources.fixed(ints).rows().dataType()).isEqualTo(DataType.FLOAT);
        FixedRows iris = TransferSources.fixed(EmbeddedDatasets.iris());
        assertThat(iris.rows().rows()).isEqualTo(150);
        assertThat(collect(iris, 150, SEED).get(0).hardLabels()).isPresent();
    }

    @Test
    void fixedHoldOutPartitionsTheRows() {
        FixedRows source = TransferSources.fixed(indexedRows(30), identityLabels(30));
        HoldOut split = source.holdOut(8, new SplittableRandom(SEED));
        assertThat(split.size()).isEqualTo(8);
        assertThat(split.train()).isInstanceOf(FixedRows.class);
        INDArray kept = ((FixedRows) split.train()).rows();
        assertThat(kept.rows()).isEqualTo(22);
        Set<Integer> all = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            int row = (int) split.heldOut().getDouble(i, 0);
            assertThat(split.heldOutLabels()[i]).isEqualTo(row);
            all.add(row);
        }
        for (int i = 0; i < 22; i++) {
            all.add((int) kept.getDouble(i, 0));
        }
        assertThat(all).hasSize(30);
        for (TransferBatch batch : collect(split.train(), 100, SEED)) {
            for (int i = 0; i < batch.inputs().rows(); i++) {
                assertThat(batch.labels()[i]).isEqualTo((int) batch.inputs().getDouble(i, 0));
            }
        }
        assertThat(source.holdOut(0, new SplittableRandom(SEED)).heldOut()).isNull();
        HoldOut one = source.holdOut(1, new SplittableRandom(SEED));
        assertThat(one.heldOut().shape()).containsExactly(1, 3);
        assertThat(collect(one.train(), 28, SEED)).extracting(b -> b.inputs().rows()).containsExactly(28, 1);
        assertThat(source.holdOut(8, new SplittableRandom(SEED)).heldOut()).isEqualTo(split.heldOut());
        assertThatThrownBy(() -> source.holdOut(30, new SplittableRandom(SEED)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holdOut count must be < rows (30), got 30");
    }

    @Test
    void perturbedAddsGaussianNoiseKeepsLabelsAndDropsOrigins() {
        FixedRows base = TransferSources.fixed(indexedRows(400), identityLabels(400));
        double sigma = 0.3;
        List<TransferBatch> batches = collect(TransferSources.perturbed(base, sigma), 64, SEED);
        double sum = 0;
        double sumSq = 0;
        int count = 0;
        for (TransferBatch batch : batches) {
            assertThat(batch.rowOrigin()).isEmpty();
            INDArray clean = base.rows().getRows(batch.labels());
            INDArray noise = batch.inputs().sub(clean);
            sum += noise.sumNumber().doubleValue();
            sumSq += noise.mul(noise).sumNumber().doubleValue();
            count += (int) noise.length();
        }
        assertThat(count).isEqualTo(1200);
        assertThat(sum / count).isCloseTo(0, within(4 * sigma / Math.sqrt(count)));
        assertThat(Math.sqrt(sumSq / count)).isCloseTo(sigma, within(0.03));
    }

    @Test
    void perturbedHoldOutIsTheBasesUnperturbed() {
        FixedRows base = TransferSources.fixed(indexedRows(20), identityLabels(20));
        TransferSource noisy = TransferSources.perturbed(base, 2.0);
        HoldOut split = noisy.holdOut(5, new SplittableRandom(SEED));
        assertThat(split.heldOut()).isEqualTo(base.holdOut(5, new SplittableRandom(SEED)).heldOut());
        assertThat(split.heldOut()).isEqualTo(base.rows().getRows(split.heldOutLabels()));
        TransferBatch trainBatch = collect(split.train(), 15, SEED).get(0);
        assertThat(trainBatch.inputs().rows()).isEqualTo(15);
        assertThat(trainBatch.inputs()).isNotEqualTo(base.rows().getRows(trainBatch.labels()));
        assertThatThrownBy(() -> TransferSources.perturbed(base, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sigma must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> TransferSources.perturbed(base, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma");
    }

    @Test
    void generatorDrawsValidatesAndHoldsOutFreshPoints() {
        TransferSource gen = TransferSources.generator(2, 10, (count, rng) -> {
            double[][] x = new double[count][2];
            for (double[] row : x) {
                row[0] = rng.nextDouble();
                row[1] = -rng.nextDouble();
            }
            return Nd4j.createFromArray(x);
        });
        List<TransferBatch> batches = collect(gen, 4, SEED);
        assertThat(batches).extracting(b -> b.inputs().rows()).containsExactly(4, 4, 2);
        assertThat(batches.get(0).hardLabels()).isEmpty();
        assertThat(batches.get(0).inputs().dataType()).isEqualTo(DataType.DOUBLE);
        assertSameEpochs(batches, collect(gen, 4, SEED));
        HoldOut split = gen.holdOut(7, new SplittableRandom(SEED));
        assertThat(split.size()).isEqualTo(7);
        assertThat(split.train()).isSameAs(gen);
        assertThat(split.heldOut().getDouble(0, 0)).isBetween(0.0, 1.0);

        TransferSource wrongShape = TransferSources.generator(3, 5, (count, rng) -> Nd4j.create(count, 2));
        Iterator<TransferBatch> it = wrongShape.epoch(5, new SplittableRandom(SEED));
        assertThatThrownBy(it::next).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[5, 3]").hasMessageContaining("[5, 2]");
        TransferSource nan = TransferSources.generator(1, 1,
                (count, rng) -> Nd4j.createFromArray(new double[][] {{Double.NaN}}));
        assertThatThrownBy(() -> nan.holdOut(1, new SplittableRandom(SEED)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> TransferSources.generator(0, 5, (c, r) -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputSize must be >= 1, got 0");
        assertThatThrownBy(() -> TransferSources.generator(2, 0, (c, r) -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochSize must be >= 1, got 0");
    }

    @Test
    void uniformBoxStaysInsideTheBox() {
        TransferSource box = TransferSources.uniformBox(new double[] {-1, 10}, new double[] {1, 12}, 2000);
        INDArray x = stacked(collect(box, 500, SEED));
        assertThat(x.rows()).isEqualTo(2000);
        assertThat(x.dataType()).isEqualTo(DataType.FLOAT);
        INDArray first = x.getColumn(0);
        INDArray second = x.getColumn(1);
        assertThat(first.minNumber().doubleValue()).isGreaterThanOrEqualTo(-1);
        assertThat(first.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
        assertThat(second.minNumber().doubleValue()).isGreaterThanOrEqualTo(10);
        assertThat(second.maxNumber().doubleValue()).isLessThanOrEqualTo(12);
        // Uniform on an interval of width 2: mean at the centre, sd 2/sqrt(12) = 0.577.
        assertThat(first.meanNumber().doubleValue()).isCloseTo(0, within(0.06));
        assertThat(second.meanNumber().doubleValue()).isCloseTo(11, within(0.06));
        assertThat(first.stdNumber().doubleValue()).isCloseTo(2 / Math.sqrt(12), within(0.03));
        assertThatThrownBy(() -> TransferSources.uniformBox(new double[] {0, 1}, new double[] {1, 1}, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("low[1] must be < high[1]");
        assertThatThrownBy(() -> TransferSources.uniformBox(new double[] {0}, new double[] {1, 2}, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
        assertThatThrownBy(() -> TransferSources.uniformBox(new double[] {Double.NEGATIVE_INFINITY},
                new double[] {1}, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    }

    @Test
    void hypercubeIsPlusMinusOne() {
        INDArray x = stacked(collect(TransferSources.hypercube(100, 300), 128, SEED));
        assertThat(x.shape()).containsExactly(300, 100);
        INDArray abs = org.nd4j.linalg.ops.transforms.Transforms.abs(x, true);
        assertThat(abs.minNumber().doubleValue()).isEqualTo(1.0);
        assertThat(abs.maxNumber().doubleValue()).isEqualTo(1.0);
        // 30,000 fair signs: the mean's sd is 0.0058.
        assertThat(x.meanNumber().doubleValue()).isCloseTo(0, within(0.03));
        assertThatThrownBy(() -> TransferSources.hypercube(0, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("d must be >= 1, got 0");
    }

    @Test
    void concatInterleavesAllBatchesAndHoldsOutProportionally() {
        FixedRows small = TransferSources.fixed(indexedRows(100), identityLabels(100));
        INDArray bigRows = indexedRows(300).addi(1000);
        FixedRows big = TransferSources.fixed(bigRows, identityLabels(300));
        TransferSource both = TransferSources.concat(small, big);
        List<TransferBatch> batches = collect(both, 32, SEED);
        assertThat(batches).hasSize(4 + 10);
        assertThat(batches.stream().mapToLong(b -> b.inputs().rows()).sum()).isEqualTo(400);
        List<Object> owners = new ArrayList<>();
        for (TransferBatch batch : batches) {
            owners.add(batch.rowOrigin().orElseThrow().data());
        }
        // Interleaved: the small source's batches are not all at one end.
        assertThat(owners.subList(0, 4)).isNotEqualTo(List.of(small, small, small, small));
        assertThat(owners.subList(10, 14)).isNotEqualTo(List.of(small, small, small, small));

        HoldOut split = both.holdOut(40, new SplittableRandom(SEED));
        assertThat(split.size()).isEqualTo(40);
        assertThat(split.heldOutLabels()).hasSize(40);
        long fromBig = 0;
        for (int i = 0; i < 40; i++) {
            if (split.heldOut().getDouble(i, 0) >= 1000) {
                fromBig++;
            }
        }
        assertThat(fromBig).isEqualTo(30);
        assertThat(collect(split.train(), 1000, SEED).stream().mapToLong(b -> b.inputs().rows()).sum())
                .isEqualTo(360);

        HoldOut mixed = TransferSources.concat(small, TransferSources.hypercube(3, 100))
                .holdOut(10, new SplittableRandom(SEED));
        assertThat(mixed.size()).isEqualTo(10);
        assertThat(mixed.heldOutLabels()).isNull();

        assertThatThrownBy(() -> TransferSources.concat(small, TransferSources.hypercube(4, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sources[1] has inputSize 4, sources[0] has 3");
        assertThatThrownBy(TransferSources::concat).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }

    @Test
    void epochAndHoldOutArgumentsAreChecked() {
        FixedRows source = TransferSources.fixed(indexedRows(5));
        assertThatThrownBy(() -> source.epoch(0, new SplittableRandom(SEED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize must be >= 1, got 0");
        assertThatThrownBy(() -> source.epoch(1, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("rng");
        assertThatThrownBy(() -> source.holdOut(-1, new SplittableRandom(SEED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holdOut count must be >= 0");
        assertThatThrownBy(() -> TransferSources.fixed(Nd4j.createFromArray(1f, 2f)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[n >= 1, d >= 1]");
        assertThatThrownBy(() -> TransferSources.fixed(indexedRows(3), new int[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels must have one entry");
        INDArray nan = Nd4j.createFromArray(new float[][] {{Float.NaN}});
        assertThatThrownBy(() -> TransferSources.fixed(nan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        Iterator<TransferBatch> it = source.epoch(5, new SplittableRandom(SEED));
        it.next();
        assertThatThrownBy(it::next).isInstanceOf(java.util.NoSuchElementException.class);
    }
}
