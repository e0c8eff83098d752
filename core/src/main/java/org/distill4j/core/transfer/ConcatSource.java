package org.distill4j.core.transfer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Several sources as one: an epoch is every source's epoch, their batches interleaved in a seeded random order;
 * a hold-out takes from each source in proportion to its epoch size. Immutable; its epoch iterators are not
 * thread-safe.
 */
final class ConcatSource implements TransferSource, Sources.Sized {

    private final List<TransferSource> sources;

    ConcatSource(List<TransferSource> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public int inputSize() {
        return sources.get(0).inputSize();
    }

    @Override
    public long epochRows() {
        long total = 0;
        for (TransferSource source : sources) {
            long rows = Sources.epochRows(source);
            if (rows == Sources.UNKNOWN) {
                return Sources.UNKNOWN;
            }
            total += rows;
        }
        return total;
    }

    @Override
    public Iterator<TransferBatch> epoch(int batchSize, SplittableRandom rng) {
        Sources.checkEpoch(batchSize, rng);
        List<Iterator<TransferBatch>> iterators = new ArrayList<>();
        for (TransferSource source : sources) {
            iterators.add(source.epoch(batchSize, rng.split()));
        }
        SplittableRandom order = rng.split();
        int[] schedule = schedule(batchSize, order);
        return new Iterator<>() {
            private int position;
            private final List<Integer> active = new ArrayList<>();

            {
                for (int i = 0; i < iterators.size(); i++) {
                    active.add(i);
                }
            }

            @Override
            public boolean hasNext() {
                active.removeIf(i -> !iterators.get(i).hasNext());
                return !active.isEmpty();
            }

            @Override
            public TransferBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                // Follow the precomputed schedule while it lasts, then pick uniformly among unfinished sources.
                while (schedule != null && position < schedule.length) {
                    Iterator<TransferBatch> scheduled = iterators.get(schedule[position++]);
                    if (scheduled.hasNext()) {
                        return scheduled.next();
                    }
                }
                return iterators.get(active.get(order.nextInt(active.size()))).next();
            }
        };
    }

    /**
     * When every source's epoch size is known, a uniformly random interleaving of all their batches: each
     * source's index repeated once per batch, shuffled. Otherwise {@code null}.
     */
    private int[] schedule(int batchSize, SplittableRandom rng) {
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            long rows = Sources.epochRows(sources.get(i));
            if (rows == Sources.UNKNOWN) {
                return null;
            }
            long batches = (rows + batchSize - 1) / batchSize;
            for (long b = 0; b < batches; b++) {
                slots.add(i);
            }
        }
        int[] permutation = Sources.permutation(slots.size(), rng);
        int[] schedule = new int[slots.size()];
        for (int i = 0; i < schedule.length; i++) {
            schedule[i] = slots.get(permutation[i]);
        }
        return schedule;
    }

    @Override
    public HoldOut holdOut(int count, SplittableRandom rng) {
        Sources.checkHoldOut(count, rng);
        if (count == 0) {
            return new HoldOut(this, null, null);
        }
        int[] shares = shares(count);
        List<TransferSource> trains = new ArrayList<>();
        List<INDArray> held = new ArrayList<>();
        List<int[]> heldLabels = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            SplittableRandom sourceRng = rng.split();
            if (shares[i] == 0) {
                trains.add(sources.get(i));
                continue;
            }
            HoldOut part = sources.get(i).holdOut(shares[i], sourceRng);
            trains.add(part.train());
            if (part.heldOut() != null) {
                held.add(part.heldOut());
                heldLabels.add(part.heldOutLabels());
            }
        }
        return new HoldOut(new ConcatSource(trains), stack(held), concatLabels(heldLabels));
    }

    /**
     * Splits {@code count} in proportion to the sources' epoch sizes (sources of unknown size weigh as much as
     * the mean known size, or 1), by largest remainders, ties to the earlier source.
     */
    private int[] shares(int count) {
        int k = sources.size();
        double[] weights = new double[k];
        double knownTotal = 0;
        int known = 0;
        for (int i = 0; i < k; i++) {
            weights[i] = Sources.epochRows(sources.get(i));
            if (weights[i] >= 0) {
                knownTotal += weights[i];
                known++;
            }
        }
        double fallback = known > 0 && knownTotal > 0 ? knownTotal / known : 1;
        double total = 0;
        for (int i = 0; i < k; i++) {
            weights[i] = weights[i] < 0 ? fallback : weights[i];
            total += weights[i];
        }
        int[] shares = new int[k];
        double[] remainders = new double[k];
        int assigned = 0;
        for (int i = 0; i < k; i++) {
            double quota = count * weights[i] / total;
            shares[i] = (int) Math.floor(quota);
            remainders[i] = quota - shares[i];
            assigned += shares[i];
        }
        Integer[] byRemainder = new Integer[k];
        Arrays.setAll(byRemainder, i -> i);
        Arrays.sort(byRemainder, (a, b) -> Double.compare(remainders[b], remainders[a]));
        for (int r = 0; assigned < count; r = (r + 1) % k) {
            shares[byRemainder[r]]++;
            assigned++;
        }
        return shares;
    }

    private static INDArray stack(List<INDArray> parts) {
        if (parts.isEmpty()) {
            return null;
        }
        DataType type = parts.get(0).dataType();
        for (INDArray part : parts) {
            if (part.dataType() != type) {
                type = DataType.DOUBLE;
            }
        }
        INDArray[] cast = new INDArray[parts.size()];
        for (int i = 0; i < cast.length; i++) {
            cast[i] = parts.get(i).castTo(type);
        }
        return cast.length == 1 ? cast[0] : Nd4j.vstack(cast);
    }

    private static int[] concatLabels(List<int[]> parts) {
        if (parts.isEmpty() || parts.contains(null)) {
            return null;
        }
        return parts.stream().flatMapToInt(Arrays::stream).toArray();
    }

    @Override
    public String toString() {
        return "concat" + sources;
    }
}
