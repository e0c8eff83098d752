package org.distill4j.docs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a reference program of {@code ../shared/bench} (PyTorch / scikit-learn, Debian's {@code /usr/bin/python3})
 * in the same command as our own benchmark, and reads the numbers of its {@code RESULT} line.
 */
final class ReferenceBench {

    private static final List<Path> DEFAULT_FOLDERS = List.of(Path.of("../shared/bench"),
            Path.of("../../shared/bench"));
    private static final String PYTHON = "/usr/bin/python3";

    private final String json;

    private ReferenceBench(String json) {
        this.json = json;
    }

    /** The folder of the reference programs: {@code --bench DIR} or the first default that exists. */
    static Optional<Path> folder(Args args) {
        Path given = args.pathOption("bench", null);
        if (given != null) {
            return Optional.of(given);
        }
        return DEFAULT_FOLDERS.stream().filter(p -> Files.exists(p.resolve("idx.py"))).findFirst();
    }

    /**
     * Runs {@code script} with {@code arguments}; empty when Python, torch or the script is missing (the reason is
     * logged), so that our half of a benchmark still reports.
     */
    static Optional<ReferenceBench> run(Args args, String script, List<String> arguments, long timeoutMinutes)
            throws IOException, InterruptedException {
        Optional<Path> folder = folder(args);
        if (folder.isEmpty() || !Files.exists(folder.get().resolve(script))) {
            Console.progress("reference program %s not found (pass --bench DIR); reporting our figures only", script);
            return Optional.empty();
        }
        return runScript(folder.get().resolve(script), arguments, timeoutMinutes);
    }

    /**
     * Runs one of the docs module's own reference scripts ({@code docs/bench/NAME}, found from the repository root
     * or from {@code docs}); empty as {@link #run} when it cannot.
     */
    static Optional<ReferenceBench> runOwn(String script, List<String> arguments, long timeoutMinutes)
            throws IOException, InterruptedException {
        Optional<Path> path = Stream.of(Path.of("docs/bench", script), Path.of("bench", script))
                .filter(Files::exists).findFirst();
        if (path.isEmpty()) {
            Console.progress("reference script docs/bench/%s not found; run from the repository root", script);
            return Optional.empty();
        }
        return runScript(path.get(), arguments, timeoutMinutes);
    }

    private static Optional<ReferenceBench> runScript(Path script, List<String> arguments, long timeoutMinutes)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            Console.progress("%s not found; install python3-torch python3-sklearn to compare", PYTHON);
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(arguments);
        Console.progress("running the reference: %s", String.join(" ", command));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String resultLine = null;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("RESULT ")) {
                    resultLine = line.substring("RESULT ".length());
                }
            }
        }
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            Console.progress("reference program %s timed out", script);
            return Optional.empty();
        }
        if (process.exitValue() != 0 || resultLine == null) {
            Console.progress("reference program %s failed (exit %s); is python3-torch installed?", script,
                    process.exitValue());
            return Optional.empty();
        }
        return Optional.of(new ReferenceBench(resultLine));
    }

    /** The raw JSON of the reference's RESULT line. */
    String json() {
        return json;
    }

    /** A number of the reference's RESULT, or NaN if absent. */
    double number(String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":\\s*(-?[0-9.eE+-]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** A string of the reference's RESULT, or null if absent. */
    String string(String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
