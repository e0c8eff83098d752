package org.distill4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.distill4j.core.Distiller;
import org.distill4j.core.Student;
import org.distill4j.core.Teacher;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's "no public class outside the battery", checked per module: every public concrete {@link Teacher},
 * {@link Student} and {@link Distiller} among the module's compiled classes must have a test class named after it
 * that either extends one of the kit's contracts or runs the analogous checks (a test class whose name contains the
 * subject's simple name and ends in {@code ContractTest}, {@code ChecksTest}, {@code BatteryTest} or whose
 * superclass is a kit contract). A module's test extends this class and names its base package; subjects checked
 * by a differently named test are listed in {@link #coveredElsewhere()}, and classes deliberately outside (with
 * the reason) in {@link #exempt()}.
 */
public abstract class ContractCoverageCheck {

    /** The module's base package, e.g. {@code org.distill4j.trees}. */
    protected abstract String basePackage();

    /** Fully qualified names of classes deliberately not covered; empty by default. */
    protected Set<String> exempt() {
        return Set.of();
    }

    /**
     * Subjects whose analogous checks live in a test class not named after them: subject's fully qualified name to
     * the test class's; the test class must exist. Empty by default.
     */
    protected Map<String, String> coveredElsewhere() {
        return Map.of();
    }

    @Test
    void everyPublicTeacherStudentAndDistillerHasAContractTest() throws IOException {
        List<Class<?>> subjects = new ArrayList<>();
        for (Class<?> c : classesUnder(Path.of("target", "classes"))) {
            boolean family = Teacher.class.isAssignableFrom(c) || Student.class.isAssignableFrom(c)
                    || Distiller.class.isAssignableFrom(c);
            if (family && Modifier.isPublic(c.getModifiers()) && !Modifier.isAbstract(c.getModifiers())
                    && !c.isInterface() && !c.isAnonymousClass() && !exempt().contains(c.getName())) {
                subjects.add(c);
            }
        }
        List<Class<?>> tests = classesUnder(Path.of("target", "test-classes"));
        Set<String> uncovered = new TreeSet<>();
        Set<String> testNames = new TreeSet<>();
        tests.forEach(t -> testNames.add(t.getName()));
        for (Class<?> subject : subjects) {
            String elsewhere = coveredElsewhere().get(subject.getName());
            if (elsewhere != null) {
                assertThat(testNames).as("the test covering %s", subject.getName()).contains(elsewhere);
                continue;
            }
            String name = subject.getSimpleName();
            boolean covered = tests.stream().anyMatch(t -> {
                String testName = t.getName().substring(t.getName().lastIndexOf('.') + 1);
                return testName.contains(name) && (extendsKitContract(t) || testName.matches(
                        ".*(ContractTest|ChecksTest|BatteryTest|ContractTest\\$.*)"));
            });
            if (!covered) {
                uncovered.add(subject.getName());
            }
        }
        assertThat(subjects).as("public teachers, students and distillers under %s", basePackage()).isNotEmpty();
        assertThat(uncovered).as("public teachers, students and distillers without a contract test").isEmpty();
    }

    private static boolean extendsKitContract(Class<?> test) {
        for (Class<?> c = test.getSuperclass(); c != null; c = c.getSuperclass()) {
            if (c.getPackageName().equals(ContractCoverageCheck.class.getPackageName())
                    && c.getSimpleName().endsWith("Contract")) {
                return true;
            }
        }
        return false;
    }

    private List<Class<?>> classesUnder(Path root) throws IOException {
        List<Class<?>> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        String prefix = basePackage().replace('.', '/');
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String relative = root.relativize(p).toString().replace('\\', '/');
                if (!relative.startsWith(prefix) || relative.endsWith("package-info.class")) {
                    continue;
                }
                String className = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                try {
                    out.add(Class.forName(className, false, getClass().getClassLoader()));
                } catch (ClassNotFoundException | LinkageError e) {
                    // not loadable here: nothing to check
                }
            }
        }
        return out;
    }
}
