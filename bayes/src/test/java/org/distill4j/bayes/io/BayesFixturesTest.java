package org.distill4j.bayes.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.bayes.bag.CategoricalPredictive;
import org.distill4j.bayes.bag.LinearCodecs;
import org.distill4j.bayes.bag.PosteriorBag;
import org.distill4j.bayes.density.GmmStudent;
import org.distill4j.bayes.fixture.SavedModels;
import org.distill4j.bayes.regression.GaussianRegressionStudent;
import org.distill4j.bayes.student.LogisticMixtureStudent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Model files saved by version 1 of each bayes model type (issue 8), kept in test resources so later versions
 * stay able to load them: each fixture is loaded, compared with the model it was saved from, and its answers on
 * fixed inputs are compared with the answers stored next to it ({@code *.expected.txt}, one number per line,
 * row-major, written when the fixture was). To rewrite the fixtures (only when a format version changes, keeping
 * the old ones): {@code -Dbayes.fixtures.write=<path of src/test/resources/org/distill4j/bayes/io>}.
 */
class BayesFixturesTest {

    private static final String WRITE = "bayes.fixtures.write";

    /** Fixed inputs, {@code [6, columns]} DOUBLE, spanning a few units around 0. */
    private static INDArray inputs(int columns) {
        double[][] x = new double[6][columns];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < columns; j++) {
                x[i][j] = 2.5 * Math.sin(1.3 * i + 0.7 * j + 0.2);
            }
        }
        return Nd4j.createFromArray(x);
    }

    /** The answers each fixture is checked by. */
    private static INDArray answers(String name, Object model) {
        return switch (name) {
            case "posterior-bag-v1" -> CategoricalPredictive.of((PosteriorBag) model).predict(inputs(3));
            case "logistic-mixture-student-v1" -> ((LogisticMixtureStudent) model).predict(inputs(3));
            case "gmm-student-v1" -> ((GmmStudent) model).unnormalizedLogDensity(inputs(1));
            case "gaussian-regression-student-v1" -> ((GaussianRegressionStudent) model).moments(inputs(3));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Object load(String name, Path file) throws IOException {
        return switch (name) {
            case "posterior-bag-v1" -> PosteriorBag.load(file, LinearCodecs.standard());
            case "logistic-mixture-student-v1" -> LogisticMixtureStudent.load(file);
            case "gmm-student-v1" -> GmmStudent.load(file);
            case "gaussian-regression-student-v1" -> GaussianRegressionStudent.load(file);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private Path resource(String name) throws URISyntaxException {
        var url = getClass().getResource(name);
        assertThat(url).as("test resource %s", name).isNotNull();
        return Path.of(url.toURI());
    }

    private void check(String name, Object original) throws Exception {
        Object loaded = load(name, resource(name + ".d4j"));
        List<String> lines = Files.readAllLines(resource(name + ".expected.txt"), StandardCharsets.UTF_8);
        double[] expected = lines.stream().filter(l -> !l.isBlank()).mapToDouble(Double::parseDouble).toArray();
        double[] actual = answers(name, loaded).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s answer %s", name, i)
                    .isCloseTo(expected[i], within(1e-12 * (1 + Math.abs(expected[i]))));
        }
        double[] built = answers(name, original).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        assertThat(built).as("%s as built", name)
                .containsExactly(actual);
    }

    @Test
    void posteriorBagFixture() throws Exception {
        check("posterior-bag-v1", SavedModels.bag());
        PosteriorBag bag = PosteriorBag.load(resource("posterior-bag-v1.d4j"), LinearCodecs.standard());
        assertThat(bag.size()).isEqualTo(5);
        assertThat(bag.sample(4)).containsExactly(SavedModels.bag().sample(4));
    }

    @Test
    void logisticMixtureStudentFixture() throws Exception {
        check("logistic-mixture-student-v1", SavedModels.mixture());
        assertThat(LogisticMixtureStudent.load(resource("logistic-mixture-student-v1.d4j")).parameterCount())
                .isEqualTo(SavedModels.mixture().parameterCount());
    }

    @Test
    void gmmStudentFixture() throws Exception {
        check("gmm-student-v1", SavedModels.gmm());
        assertThat(GmmStudent.load(resource("gmm-student-v1.d4j"))).isEqualTo(SavedModels.gmm());
    }

    @Test
    void gaussianRegressionStudentFixture() throws Exception {
        check("gaussian-regression-student-v1", SavedModels.regression());
        assertThat(GaussianRegressionStudent.load(resource("gaussian-regression-student-v1.d4j")))
                .isEqualTo(SavedModels.regression());
    }

    /** Writes the fixtures and their expected answers (run only on request; see the class comment). */
    @Test
    @EnabledIfSystemProperty(named = WRITE, matches = ".+")
    void writeFixtures() throws IOException {
        Path dir = Path.of(System.getProperty(WRITE));
        Files.createDirectories(dir);
        SavedModels.bag().save(dir.resolve("posterior-bag-v1.d4j"), LinearCodecs.standard());
        SavedModels.mixture().save(dir.resolve("logistic-mixture-student-v1.d4j"));
        SavedModels.gmm().save(dir.resolve("gmm-student-v1.d4j"));
        SavedModels.regression().save(dir.resolve("gaussian-regression-student-v1.d4j"));
        for (String name : List.of("posterior-bag-v1", "logistic-mixture-student-v1", "gmm-student-v1",
                "gaussian-regression-student-v1")) {
            Object model = load(name, dir.resolve(name + ".d4j"));
            List<String> lines = new ArrayList<>();
            for (double v : answers(name, model).castTo(DataType.DOUBLE).dup('c').data().asDouble()) {
                lines.add(Double.toString(v));
            }
            Files.write(dir.resolve(name + ".expected.txt"), lines, StandardCharsets.UTF_8);
            assertThat(lines).isNotEmpty();
        }
    }
}
