package org.distill4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Keeps the README honest: its quick start is the compiled one, and its test command is the one CI runs. */
class ReadmeTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void quickStartInTheReadmeIsTheCompiledOne() throws IOException {
        String source = Files.readString(Path.of("src/main/java/org/distill4j/docs/QuickStart.java"));
        String tagged = source.substring(source.indexOf("// tag::quickstart[]") + "// tag::quickstart[]".length(),
                source.indexOf("// end::quickstart[]"));
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(normalise(readme)).contains(normalise(tagged));
        assertThat(normalise(tagged)).contains("CompressionDistiller");
    }

    @Test
    void readmeTestCommandIsWhatCiRuns() throws IOException {
        List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("set ") && !l.startsWith("cd "))
                .collect(Collectors.toList());
        assertThat(ci).hasSize(1);
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("```bash\n" + ci.get(0) + "\n```");
    }

    @Test
    void readmeLinksOnlyToGuidesThatExist() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\]\\((docs/guides/[^)]+)\\)").matcher(readme);
        int links = 0;
        while (m.find()) {
            assertThat(ROOT.resolve(m.group(1))).as("guide linked from the README").exists();
            links++;
        }
        assertThat(links).isGreaterThanOrEqualTo(3);
    }

    /** Each line trimmed, blank lines dropped: indentation differs between the source and the README. */
    private static String normalise(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
