package org.distill4j.docs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.bayes.bag.CategoricalPredictive;
import org.distill4j.bayes.bag.LinearCodecs;
import org.distill4j.bayes.bag.LinearPredictive;
import org.distill4j.bayes.bag.PosteriorBag;
import org.distill4j.bayes.density.GaussianMixture;
import org.distill4j.bayes.density.GmmStudent;
import org.distill4j.bayes.regression.GaussianRegressionStudent;
import org.distill4j.bayes.student.LogisticMixtureStudent;
import org.distill4j.bayes.student.MixtureShape;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.data.CsvReader;
import org.distill4j.core.data.NpyReader;
import org.distill4j.core.data.NpyWriter;
import org.distill4j.core.info.JointDistributionCsv;
import org.distill4j.core.io.LoaderFuzzer;
import org.distill4j.core.io.ModelFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The long fuzzing campaign over every file loader of the library (issue 8; the CI part is a fixed corpus in the
 * modules' tests): each loader gets valid files written by the current version as its seed corpus, then mutated
 * inputs for its share of {@code --seconds}. Reports, per loader and in all, the inputs tried and the findings —
 * inputs that made a loader fail other than with an {@code IOException} (must be 0).
 */
final class FuzzCommand {

    /** One loader and how to make its seed corpus. */
    record Target(String name, boolean modelFile, LoaderFuzzer.Loader loader, Corpus corpus) {
    }

    /** Writes valid files into a folder and returns their bytes. */
    @FunctionalInterface
    interface Corpus {
        List<byte[]> make(Path dir) throws IOException;
    }

    private FuzzCommand() {
    }

    static Result run(Args args, PrintStream out) throws Exception {
        int seconds = args.intOption("seconds", args.flag("quick") ? 20 : 300);
        long seed = args.intOption("seed", 1);
        List<Target> targets = targets();
        String only = args.option("only", null);
        if (only != null) {
            List<String> names = List.of(only.split(","));
            targets = targets.stream().filter(t -> names.contains(t.name())).toList();
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("--only names no loader; the loaders are "
                        + targets().stream().map(Target::name).toList());
            }
        }
        Path dir = Files.createTempDirectory("distill4j-fuzz");
        Result result = new Result().put("command", "fuzz").put("seconds", seconds).put("seed", seed);
        long inputs = 0;
        long findings = 0;
        Duration share = Duration.ofMillis(1000L * seconds / targets.size());
        for (Target t : targets) {
            Path corpusDir = Files.createDirectories(dir.resolve(t.name() + "-corpus"));
            LoaderFuzzer fuzzer = LoaderFuzzer.of(t.name(), t.loader(), t.corpus().make(corpusDir));
            if (t.modelFile()) {
                fuzzer = fuzzer.fixModelFileChecksum();
            }
            LoaderFuzzer.Report report = fuzzer.run(seed, Long.MAX_VALUE, share, dir.resolve(t.name()));
            inputs += report.inputs();
            findings += report.findings().size();
            out.printf("%-24s %,9d inputs: %,8d loaded, %,9d rejected, %d findings%n", t.name(), report.inputs(),
                    report.loaded(), report.rejected(), report.findings().size());
            report.findings().stream().limit(3).forEach(f -> out.println("    " + f));
            result.put("inputs_" + t.name(), report.inputs()).put("findings_" + t.name(),
                    report.findings().size());
        }
        return result.put("loaders", targets.size()).put("inputs", inputs).put("findings", findings);
    }

    /** Every loader of the library, with a seed corpus. */
    static List<Target> targets() {
        List<Target> t = new ArrayList<>();
        t.add(new Target("ModelFile", true, file -> ModelFile.read(file, "fuzz.Model").arrays().size(), dir -> {
            Map<String, org.nd4j.linalg.api.ndarray.INDArray> arrays = new LinkedHashMap<>();
            arrays.put("w", Nd4j.rand(DataType.FLOAT, 3, 4));
            arrays.put("b", Nd4j.rand(DataType.DOUBLE, 5));
            arrays.put("i", Nd4j.createFromArray(1, 2, 3));
            Path f = dir.resolve("m.d4j");
            ModelFile.write(f, "fuzz.Model", 1, Map.of("layers", List.of(3, 4), "nested", Map.of("a", 1.5)),
                    arrays);
            return List.of(Files.readAllBytes(f));
        }));
        t.add(new Target("MlpStudent", true, file -> MlpStudent.load(file).parameterCount(), dir -> {
            Path f = dir.resolve("s.d4j");
            MlpStudent.initialize(MlpArchitecture.of(5, 4, 3), 1).save(f);
            return List.of(Files.readAllBytes(f));
        }));
        t.add(new Target("NpyReader", false, file -> NpyReader.read(file).length(), dir -> {
            Path a = dir.resolve("a.npy");
            Path b = dir.resolve("b.npy");
            NpyWriter.write(Nd4j.rand(DataType.DOUBLE, 4, 3), a);
            NpyWriter.write(Nd4j.rand(DataType.FLOAT, 6), b);
            return List.of(Files.readAllBytes(a), Files.readAllBytes(b));
        }));
        t.add(new Target("JointDistributionCsv", false, file -> JointDistributionCsv.read(file), dir ->
                List.of("y,t,s,p\n0,0,0,0.25\n1,0,1,0.25\n1,1,0,0.25\n0,1,1,0.25\n".getBytes(StandardCharsets.UTF_8),
                        "y,t,s,p\na,x,u,0.5\nb,y,v,0.5\n".getBytes(StandardCharsets.UTF_8))));
        t.add(new Target("CsvReader", false, file -> CsvReader.readSklearn(file, "fuzz").size(), dir -> {
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            csv.writeBytes("4,2,a,b\n1.0,2.0,0\n3.5,-1,1\n0,0,0\n2,2,1\n".getBytes(StandardCharsets.UTF_8));
            return List.of(csv.toByteArray());
        }));
        t.add(new Target("Trees", true, file -> {
            // Tree model files (classification or regression) and JSON tree files, told apart by the first byte.
            byte[] head = new byte[1];
            try (java.io.InputStream in = Files.newInputStream(file)) {
                if (in.read(head) == 1 && head[0] == '{') {
                    org.distill4j.trees.tree.TreeJson.load(file).leafCount();
                    return;
                }
            }
            try {
                org.distill4j.trees.tree.ClassificationTree.load(file).leafCount();
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("model type")) {
                    throw e;
                }
                org.distill4j.trees.tree.RegressionTree.load(file).leafCount();
            }
        }, dir -> {
            java.util.SplittableRandom rng = new java.util.SplittableRandom(8);
            float[] v = new float[200 * 4];
            int[] labels = new int[200];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) rng.nextDouble();
                labels[i / 4] += v[i] > 0.5 && i % 4 < 2 ? 1 : 0;
            }
            org.nd4j.linalg.api.ndarray.INDArray x = Nd4j.create(v, new long[] {200, 4}, DataType.FLOAT);
            org.distill4j.trees.cart.CartTrainer cart = new org.distill4j.trees.cart.CartTrainer(
                    org.distill4j.trees.cart.TreeConfig.builder().maxLeaves(10).build());
            List<org.distill4j.trees.tree.DecisionTree> trees = List.of(cart.fitClassifier(x, labels, 3),
                    cart.fitRegressor(x, x.getColumns(1, 3)));
            List<byte[]> files = new ArrayList<>();
            for (int i = 0; i < trees.size(); i++) {
                Path model = dir.resolve("tree" + i + ".d4j");
                Path json = dir.resolve("tree" + i + ".json");
                trees.get(i).save(model);
                org.distill4j.trees.tree.TreeJson.save(trees.get(i), json);
                files.add(Files.readAllBytes(model));
                files.add(Files.readAllBytes(json));
            }
            return files;
        }));
        t.add(new Target("PosteriorBag", true, FuzzCommand::loadBag, FuzzCommand::bagCorpus));
        t.add(new Target("LogisticMixtureStudent", true, FuzzCommand::loadMixture, FuzzCommand::mixtureCorpus));
        t.add(new Target("GmmStudent", true, file -> GmmStudent.load(file).unnormalizedLogDensity(ones(1)), dir -> {
            Path f = dir.resolve("gmm.d4j");
            new GmmStudent(GaussianMixture.of(new double[] {0.3, 0.7}, new double[] {-1, 2}, new double[] {0.5, 2}))
                    .save(f);
            return List.of(Files.readAllBytes(f));
        }));
        t.add(new Target("GaussianRegressionStudent", true, file -> {
            GaussianRegressionStudent s = GaussianRegressionStudent.load(file);
            s.moments(ones(s.inputSize()));
        }, dir -> {
            Path f = dir.resolve("regression.d4j");
            GaussianRegressionStudent.initialize(3, new int[] {5, 4}, 1).save(f);
            return List.of(Files.readAllBytes(f));
        }));
        t.add(new Target("Nade", true, file -> {
            org.distill4j.generative.nade.Nade nade = org.distill4j.generative.nade.Nade.load(file);
            nade.logProbability(Nd4j.zeros(nade.dataType(), 1, nade.visibleSize()));
        }, dir -> {
            Path a = dir.resolve("a.d4j");
            Path b = dir.resolve("b.d4j");
            org.distill4j.generative.nade.Nade.initialize(5, 3, new int[] {3, 1, 4, 0, 2}, 1.0, DataType.FLOAT, 1)
                    .withBlockSize(2).save(a);
            org.distill4j.generative.nade.Nade.initialize(4, 6, DataType.DOUBLE, 2).save(b);
            return List.of(Files.readAllBytes(a), Files.readAllBytes(b));
        }));
        // The RBM loader takes a folder: each mutated W.npy goes into a folder with valid biases and no rbm.json
        // (no checksum hides the parser); each mutated rbm.json into a folder with the arrays it was saved with.
        t.add(new Target("RbmFiles-W", false, file -> {
            Path folder = file.resolveSibling("rbm-w");
            if (!Files.exists(folder.resolve(org.distill4j.generative.rbm.RbmFiles.VISIBLE_BIAS))) {
                fuzzRbm().save(folder);
                Files.delete(folder.resolve(org.distill4j.generative.rbm.RbmFiles.HEADER));
            }
            Files.copy(file, folder.resolve(org.distill4j.generative.rbm.RbmFiles.WEIGHTS),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            org.distill4j.generative.rbm.Rbm rbm = org.distill4j.generative.rbm.RbmFiles.load(folder);
            rbm.freeEnergy(Nd4j.zeros(rbm.dataType(), 1, rbm.visibleSize()));
        }, dir -> {
            Path f = dir.resolve("W.npy");
            Path g = dir.resolve("W64.npy");
            NpyWriter.write(fuzzRbm().weights(), f);
            NpyWriter.write(fuzzRbm().weights().castTo(DataType.DOUBLE), g);
            return List.of(Files.readAllBytes(f), Files.readAllBytes(g));
        }));
        t.add(new Target("RbmFiles-json", false, file -> {
            Path folder = file.resolveSibling("rbm-json");
            if (!Files.exists(folder.resolve(org.distill4j.generative.rbm.RbmFiles.WEIGHTS))) {
                fuzzRbm().save(folder);
            }
            Files.copy(file, folder.resolve(org.distill4j.generative.rbm.RbmFiles.HEADER),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            org.distill4j.generative.rbm.RbmFiles.load(folder).parameterCount();
        }, dir -> {
            Path folder = dir.resolve("rbm");
            fuzzRbm().save(folder);
            return List.of(Files.readAllBytes(folder.resolve(org.distill4j.generative.rbm.RbmFiles.HEADER)),
                    "{\"format\": \"distill4j-rbm\", \"formatVersion\": 1, \"visible\": 6, \"hidden\": 4}"
                            .getBytes(StandardCharsets.UTF_8));
        }));
        t.add(FuzzCheckpoints.target());
        return t;
    }

    /** Inputs of ones, {@code [2, columns]}, that a loaded model must answer. */
    private static org.nd4j.linalg.api.ndarray.INDArray ones(int columns) {
        return Nd4j.ones(DataType.DOUBLE, 2, columns);
    }

    private static void loadBag(Path file) throws IOException {
        PosteriorBag bag = PosteriorBag.load(file, LinearCodecs.standard());
        CategoricalPredictive.of(bag).predict(ones(bag.model().inputSize()));
    }

    private static List<byte[]> bagCorpus(Path dir) throws IOException {
        LinearPredictive model = LinearPredictive.softmax(3, 4, true);
        double[][] samples = new double[4][model.parameterDimension()];
        for (int s = 0; s < samples.length; s++) {
            for (int j = 0; j < samples[s].length; j++) {
                samples[s][j] = Math.sin(1.7 * s + j);
            }
        }
        Path f = dir.resolve("bag.d4j");
        PosteriorBag.of(model, samples).save(f, LinearCodecs.standard());
        return List.of(Files.readAllBytes(f));
    }

    private static void loadMixture(Path file) throws IOException {
        LogisticMixtureStudent s = LogisticMixtureStudent.load(file);
        s.predict(ones(s.inputSize()));
    }

    private static List<byte[]> mixtureCorpus(Path dir) throws IOException {
        MixtureShape shape = MixtureShape.softmax(2, 3, 4);
        double[] p = new double[shape.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.cos(0.9 * i);
        }
        Path f = dir.resolve("mixture.d4j");
        LogisticMixtureStudent.of(shape, p).save(f);
        return List.of(Files.readAllBytes(f));
    }

    /** A fixed 6 x 4 FLOAT RBM (the same bytes every time, so that saved checksums match). */
    private static org.distill4j.generative.rbm.Rbm fuzzRbm() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        double[] w = new double[24];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextGaussian();
        }
        return org.distill4j.generative.rbm.Rbm.of(Nd4j.create(w, new long[] {6, 4}, DataType.FLOAT),
                Nd4j.zeros(DataType.FLOAT, 6).addi(0.25), Nd4j.zeros(DataType.FLOAT, 4).subi(0.5));
    }
}
