package org.distill4j.bayes.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.distill4j.bayes.bag.CategoricalPredictive;
import org.distill4j.bayes.bag.LinearCodecs;
import org.distill4j.bayes.bag.PosteriorBag;
import org.distill4j.bayes.density.GmmStudent;
import org.distill4j.bayes.fixture.SavedModels;
import org.distill4j.bayes.regression.GaussianRegressionStudent;
import org.distill4j.bayes.student.LogisticMixtureStudent;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.io.LoaderFuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CI part of fuzzing the bayes loaders (issue 8), like core's LoaderFuzzTest: a seed corpus of valid files
 * written by the current version, a fixed seed, a bounded number of mutated inputs per loader, checksums repaired
 * so the parser itself is exercised; a model that loads must then answer fixed inputs without NaN. A finding is
 * any failure other than an {@code IOException} (in loading or in answering); there must be none. The longer
 * campaign is the docs command {@code fuzz} (the same loaders are among its targets).
 */
class BayesLoaderFuzzTest {

    private static final long SEED = 20261126L;
    private static final int INPUTS = 1200;
    private static final Duration BUDGET = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private List<byte[]> corpus(String name, BayesModelFileTest.Kind kind) throws IOException {
        Path file = dir.resolve(name + ".d4j");
        kind.save(file);
        return List.of(Files.readAllBytes(file));
    }

    private void fuzz(String name, LoaderFuzzer.Loader loader, List<byte[]> corpus, long seed,
            TestReporter reporter) throws IOException {
        LoaderFuzzer.Report report = LoaderFuzzer.of(name, loader, corpus).fixModelFileChecksum()
                .run(seed, INPUTS, BUDGET, dir.resolve(name));
        reporter.publishEntry(report.loader(), report.inputs() + " inputs: " + report.loaded() + " loaded, "
                + report.rejected() + " rejected with IOException, " + report.findings().size() + " findings");
        assertThat(report.findings()).as("inputs that broke %s other than with an IOException", name).isEmpty();
        assertThat(report.inputs()).isEqualTo(INPUTS);
        assertThat(report.rejected()).isGreaterThan(INPUTS / 2);
    }

    /** Fixed finite inputs for a loaded model, {@code [3, columns]}. */
    private static INDArray rows(int columns) {
        return ContractInputs.gaussian(3, columns, 7, DataType.DOUBLE);
    }

    /** A model that loaded must answer without NaN. */
    private static void use(INDArray answer) {
        if (answer.isNaN().any()) {
            throw new IllegalStateException("a loaded model answered NaN");
        }
    }

    @Test
    void posteriorBagLoader(TestReporter reporter) throws IOException {
        fuzz("PosteriorBag.load", file -> {
            PosteriorBag bag = PosteriorBag.load(file, LinearCodecs.standard());
            use(CategoricalPredictive.of(bag).predict(rows(bag.model().inputSize())));
        },
                corpus("bag", BayesModelFileTest.Kind.BAG), SEED, reporter);
    }

    @Test
    void logisticMixtureStudentLoader(TestReporter reporter) throws IOException {
        fuzz("LogisticMixtureStudent.load", file -> {
            LogisticMixtureStudent s = LogisticMixtureStudent.load(file);
            use(s.predict(rows(s.inputSize())));
        },
                corpus("mixture", BayesModelFileTest.Kind.MIXTURE), SEED + 1, reporter);
    }

    @Test
    void gmmStudentLoader(TestReporter reporter) throws IOException {
        fuzz("GmmStudent.load", file -> {
            GmmStudent s = GmmStudent.load(file);
            use(s.unnormalizedLogDensity(rows(1)));
            use(s.sample(3, 1));
        },
                corpus("gmm", BayesModelFileTest.Kind.GMM), SEED + 2, reporter);
    }

    @Test
    void gaussianRegressionStudentLoader(TestReporter reporter) throws IOException {
        fuzz("GaussianRegressionStudent.load", file -> {
            GaussianRegressionStudent s = GaussianRegressionStudent.load(file);
            use(s.moments(rows(s.inputSize())));
        },
                corpus("regression", BayesModelFileTest.Kind.REGRESSION), SEED + 3, reporter);
    }
}
