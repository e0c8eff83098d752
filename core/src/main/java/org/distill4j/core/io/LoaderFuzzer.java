package org.distill4j.core.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;

/**
 * A mutation fuzzer for file loaders: it takes valid files (the seed corpus), damages them in the ways files get
 * damaged — flipped bits, bytes and 32-bit fields set to boundary values, truncation, deleted, duplicated and
 * inserted ranges — and checks that the loader either loads the result or throws an {@link IOException}. Any other
 * outcome (a runtime exception, an {@link OutOfMemoryError}, a stack overflow) is a <em>finding</em>: the loader's
 * contract is a clear exception and bounded memory for every input.
 *
 * <p>For distill4j model files, {@link #fixModelFileChecksum()} recomputes the trailing CRC32 after mutating, so
 * that damaged files get past the checksum and exercise the parser itself. Deterministic for a seed (the time
 * budget aside). Not thread-safe; run one campaign per instance.
 */
public final class LoaderFuzzer {

    /** A loader under test: reads the file, throwing {@link IOException} for anything it cannot load. */
    @FunctionalInterface
    public interface Loader {
        /** Loads {@code file}, discarding the result. */
        void load(Path file) throws IOException;
    }

    /** An input that made the loader fail other than with an {@link IOException}. */
    public record Finding(int corpusIndex, String mutation, String error) {
    }

    /** What a campaign tried and found. */
    public record Report(String loader, long inputs, long loaded, long rejected, List<Finding> findings,
            Duration elapsed) {
        /** Copies the findings. */
        public Report {
            findings = List.copyOf(findings);
        }
    }

    private static final int[] INTERESTING_INTS = {0, 1, -1, 2, 4, 16, 255, 256, 1 << 15, 65535, 1 << 16,
        Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 16, 1 << 30, 1 << 24};
    private static final byte[] INTERESTING_BYTES = {0, 1, -1, 0x7f, (byte) 0x80, '{', '}', '"', '[', ']', ':', 'e'};

    private final String name;
    private final Loader loader;
    private final List<byte[]> corpus;
    private final UnaryOperator<byte[]> repair;

    private LoaderFuzzer(String name, Loader loader, List<byte[]> corpus, UnaryOperator<byte[]> repair) {
        this.name = name;
        this.loader = loader;
        this.corpus = corpus;
        this.repair = repair;
    }

    /**
     * A fuzzer of {@code loader} over copies of {@code corpus} (non-empty, each file non-empty).
     *
     * @param name the loader's name, for reports
     */
    public static LoaderFuzzer of(String name, Loader loader, List<byte[]> corpus) {
        checkNotNull(name, "name");
        checkNotNull(loader, "loader");
        checkArgument(corpus != null && !corpus.isEmpty(), "corpus must hold at least one file");
        List<byte[]> copies = new ArrayList<>();
        for (byte[] file : corpus) {
            checkArgument(file != null && file.length > 0, "corpus files must be non-empty");
            copies.add(file.clone());
        }
        return new LoaderFuzzer(name, loader, copies, UnaryOperator.identity());
    }

    /** The same fuzzer, recomputing a distill4j model file's trailing CRC32 after each mutation. */
    public LoaderFuzzer fixModelFileChecksum() {
        return new LoaderFuzzer(name, loader, corpus, LoaderFuzzer::withModelFileChecksum);
    }

    /**
     * Runs mutated inputs until {@code maxInputs} have been tried or {@code budget} has passed.
     *
     * @param scratch a folder for the mutated files (created if missing)
     */
    public Report run(long seed, long maxInputs, Duration budget, Path scratch) throws IOException {
        checkArgument(maxInputs >= 1, "maxInputs must be >= 1, got %s", maxInputs);
        checkNotNull(budget, "budget");
        Files.createDirectories(scratch);
        Path file = scratch.resolve("fuzz-input.bin");
        SplittableRandom rng = new SplittableRandom(seed);
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        long inputs = 0;
        long loaded = 0;
        long rejected = 0;
        List<Finding> findings = new ArrayList<>();
        while (inputs < maxInputs && System.nanoTime() < deadline) {
            int index = rng.nextInt(corpus.size());
            StringBuilder description = new StringBuilder();
            byte[] input = corpus.get(index);
            int rounds = 1 + rng.nextInt(3);
            for (int r = 0; r < rounds; r++) {
                input = mutate(input, rng, description);
            }
            if (rng.nextBoolean()) {
                input = repair.apply(input);
            }
            Files.write(file, input);
            inputs++;
            try {
                loader.load(file);
                loaded++;
            } catch (IOException | UncheckedIOException expected) {
                rejected++;
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                findings.add(new Finding(index, description.toString(), e.toString()));
            }
        }
        Files.deleteIfExists(file);
        return new Report(name, inputs, loaded, rejected, findings, Duration.ofNanos(System.nanoTime() - start));
    }

    private static byte[] mutate(byte[] in, SplittableRandom rng, StringBuilder description) {
        int n = in.length;
        if (n == 0) {
            description.append("insert@0;");
            return new byte[] {(byte) rng.nextInt(256)};
        }
        int at = rng.nextInt(n);
        switch (rng.nextInt(7)) {
            case 0 -> {
                byte[] out = in.clone();
                out[at] ^= (byte) (1 << rng.nextInt(8));
                description.append("bitflip@").append(at).append(';');
                return out;
            }
            case 1 -> {
                byte[] out = in.clone();
                out[at] = INTERESTING_BYTES[rng.nextInt(INTERESTING_BYTES.length)];
                description.append("byte@").append(at).append(';');
                return out;
            }
            case 2 -> {
                if (n < 4) {
                    return in;
                }
                byte[] out = in.clone();
                int pos = rng.nextInt(n - 3);
                int value = INTERESTING_INTS[rng.nextInt(INTERESTING_INTS.length)];
                ByteBuffer.wrap(out).order(rng.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                        .putInt(pos, value);
                description.append("int32@").append(pos).append('=').append(value).append(';');
                return out;
            }
            case 3 -> {
                description.append("truncate@").append(at).append(';');
                return Arrays.copyOf(in, at);
            }
            case 4 -> {
                int length = 1 + rng.nextInt(Math.min(64, n - at));
                byte[] out = new byte[n - length];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(in, at + length, out, at, n - at - length);
                description.append("delete@").append(at).append('+').append(length).append(';');
                return out;
            }
            case 5 -> {
                int length = 1 + rng.nextInt(Math.min(64, n - at));
                byte[] out = new byte[n + length];
                System.arraycopy(in, 0, out, 0, at + length);
                System.arraycopy(in, at, out, at + length, n - at);
                description.append("duplicate@").append(at).append('+').append(length).append(';');
                return out;
            }
            default -> {
                int length = 1 + rng.nextInt(16);
                byte[] out = new byte[n + length];
                System.arraycopy(in, 0, out, 0, at);
                for (int i = 0; i < length; i++) {
                    out[at + i] = (byte) rng.nextInt(256);
                }
                System.arraycopy(in, at, out, at + length, n - at);
                description.append("insert@").append(at).append('+').append(length).append(';');
                return out;
            }
        }
    }

    /** Rewrites the last four bytes as the little-endian CRC32 of everything before them. */
    static byte[] withModelFileChecksum(byte[] bytes) {
        if (bytes.length < 4) {
            return bytes;
        }
        byte[] out = bytes.clone();
        CRC32 crc = new CRC32();
        crc.update(out, 0, out.length - 4);
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(out.length - 4, (int) crc.getValue());
        return out;
    }
}
