package org.distill4j.bayes.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.distill4j.bayes.bag.LinearCodecs;
import org.distill4j.bayes.bag.PosteriorBag;
import org.distill4j.bayes.density.GmmStudent;
import org.distill4j.bayes.fixture.SavedModels;
import org.distill4j.bayes.regression.GaussianRegressionStudent;
import org.distill4j.bayes.student.LogisticMixtureStudent;
import org.distill4j.core.io.ModelFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every bayes model file (issue 8) is one of core's {@link ModelFile}s, and a damaged one is rejected with an
 * {@code IOException} whose message says what is wrong: truncated, corrupted (checksum), another model version,
 * another model type, non-finite parameters, arrays whose shapes disagree with the header.
 */
class BayesModelFileTest {

    /** The four saved model types, each with its loader and the array that holds its parameters. */
    enum Kind {
        BAG(PosteriorBag.MODEL_TYPE, "samples") {
            @Override
            void save(Path file) throws IOException {
                SavedModels.bag().save(file, LinearCodecs.standard());
            }

            @Override
            Object load(Path file) throws IOException {
                return PosteriorBag.load(file, LinearCodecs.standard());
            }
        },
        MIXTURE(LogisticMixtureStudent.MODEL_TYPE, "parameters") {
            @Override
            void save(Path file) throws IOException {
                SavedModels.mixture().save(file);
            }

            @Override
            Object load(Path file) throws IOException {
                return LogisticMixtureStudent.load(file);
            }
        },
        GMM(GmmStudent.MODEL_TYPE, "variances") {
            @Override
            void save(Path file) throws IOException {
                SavedModels.gmm().save(file);
            }

            @Override
            Object load(Path file) throws IOException {
                return GmmStudent.load(file);
            }
        },
        REGRESSION(GaussianRegressionStudent.MODEL_TYPE, "parameters") {
            @Override
            void save(Path file) throws IOException {
                SavedModels.regression().save(file);
            }

            @Override
            Object load(Path file) throws IOException {
                return GaussianRegressionStudent.load(file);
            }
        };

        final String type;
        final String parameters;

        Kind(String type, String parameters) {
            this.type = type;
            this.parameters = parameters;
        }

        abstract void save(Path file) throws IOException;

        abstract Object load(Path file) throws IOException;
    }

    @TempDir
    Path dir;

    private Path saved(Kind kind) throws IOException {
        Path file = dir.resolve(kind.name().toLowerCase() + ".d4j");
        kind.save(file);
        return file;
    }

    /** Rewrites a valid file with another version, header or arrays (a well-formed file with a valid checksum). */
    private Path rewritten(Kind kind, int version, UnaryOperator<Map<String, Object>> header,
            UnaryOperator<Map<String, INDArray>> arrays) throws IOException {
        ModelFile.Contents c = ModelFile.read(saved(kind), kind.type);
        Map<String, Object> h = new LinkedHashMap<>(c.header());
        h.remove(ModelFile.MODEL_TYPE_KEY);
        h.remove(ModelFile.MODEL_VERSION_KEY);
        Path out = dir.resolve(kind.name().toLowerCase() + "-rewritten.d4j");
        ModelFile.write(out, kind.type, version, header.apply(h), arrays.apply(new LinkedHashMap<>(c.arrays())));
        return out;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aValidFileLoads(Kind kind) throws IOException {
        assertThat(kind.load(saved(kind))).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aTruncatedFileIsRejected(Kind kind) throws IOException {
        Path file = saved(kind);
        byte[] bytes = Files.readAllBytes(file);
        for (int keep : new int[] {0, 3, 10, bytes.length / 2, bytes.length - 1}) {
            Files.write(file, java.util.Arrays.copyOf(bytes, keep));
            assertThatThrownBy(() -> kind.load(file)).as("%s bytes of %s", keep, bytes.length)
                    .isInstanceOf(IOException.class).hasMessageContaining(file.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCorruptedByteFailsTheChecksum(Kind kind) throws IOException {
        Path file = saved(kind);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 12] ^= 0x10;
        Files.write(file, bytes);
        assertThatThrownBy(() -> kind.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("checksum");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anotherModelVersionIsRejected(Kind kind) throws IOException {
        Path file = rewritten(kind, 99, h -> h, a -> a);
        assertThatThrownBy(() -> kind.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anotherModelTypeIsRejected(Kind kind) throws IOException {
        Kind other = Kind.values()[(kind.ordinal() + 1) % Kind.values().length];
        Path file = saved(other);
        assertThatThrownBy(() -> kind.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(other.type);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void nonFiniteParametersAreRejected(Kind kind) throws IOException {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            Path file = rewritten(kind, 1, h -> h, a -> {
                INDArray p = a.get(kind.parameters).castTo(DataType.DOUBLE).dup();
                p.putScalar(p.length() - 1, bad);
                a.put(kind.parameters, p);
                return a;
            });
            assertThatThrownBy(() -> kind.load(file)).as("%s", bad).isInstanceOf(IOException.class)
                    .hasMessageContaining(file.toString())
                    .satisfies(e -> assertThat(e.getMessage().toLowerCase()).containsAnyOf("finite", "nan"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void arraysThatDisagreeWithTheHeaderAreRejected(Kind kind) throws IOException {
        Path file = rewritten(kind, 1, h -> h, a -> {
            INDArray p = a.get(kind.parameters);
            a.put(kind.parameters, p.reshape(p.length()).get(
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, p.length() - 1)).dup());
            return a;
        });
        assertThatThrownBy(() -> kind.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(kind.parameters);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aMissingParameterArrayIsRejected(Kind kind) throws IOException {
        Path file = rewritten(kind, 1, h -> h, a -> {
            a.remove(kind.parameters);
            return a;
        });
        assertThatThrownBy(() -> kind.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("'" + kind.parameters + "'");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void headerFieldsOfTheWrongKindAreRejected(Kind kind) throws IOException {
        Path file = rewritten(kind, 1, h -> {
            h.replaceAll((k, v) -> List.of("not", "a", "number"));
            return h;
        }, a -> a);
        assertThatThrownBy(() -> kind.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
    }

    /** Every number in a header (nested ones too) replaced by {@code huge}. */
    @SuppressWarnings("unchecked")
    private static Object inflated(Object value, long huge) {
        if (value instanceof Number) {
            return huge;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, inflated(v, huge)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> inflated(v, huge)).toList();
        }
        return value;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void hugeDeclaredSizesAreRejectedWithoutAllocating(Kind kind) throws IOException {
        for (long huge : new long[] {1L << 31, 1L << 40, Long.MAX_VALUE, Integer.MAX_VALUE, -1}) {
            Path file = rewritten(kind, 1, h -> {
                Map<String, Object> out = new LinkedHashMap<>();
                h.forEach((k, v) -> out.put(k, inflated(v, huge)));
                return out;
            }, a -> a);
            assertThatThrownBy(() -> kind.load(file)).as("sizes %s", huge).isInstanceOf(IOException.class)
                    .hasMessageContaining(file.toString());
        }
    }
}
