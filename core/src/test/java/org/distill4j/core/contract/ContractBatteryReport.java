package org.distill4j.core.contract;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of every module's test run, how many checks of the contract battery ran and over how many
 * implementations (issue 8: "the battery every public Teacher, Student and Distiller passes, with a count printed by
 * the build"). Registered through {@code META-INF/services} in the core test-jar, so each module that tests against
 * the kit reports its own line. A check is a test method declared by one of the kit's contract classes; an
 * implementation is a concrete test class extending one.
 */
public final class ContractBatteryReport implements TestExecutionListener {

    private static final String KIT = ContractBatteryReport.class.getPackageName() + ".";

    private final Map<String, int[]> perContract = new TreeMap<>();
    private final Set<String> implementations = new TreeSet<>();
    private int passed;
    private int failed;
    private int skipped;

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        contractOf(test).ifPresent(contract -> {
            if (result.getStatus() != TestExecutionResult.Status.ABORTED) {
                perContract.computeIfAbsent(contract, c -> new int[1])[0]++;
            }
            test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .ifPresent(m -> implementations.add(m.getClassName()));
            switch (result.getStatus()) {
                case SUCCESSFUL -> passed++;
                case ABORTED -> skipped++; // an assumption: the capability does not apply
                default -> failed++;
            }
        });
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier test, String reason) {
        contractOf(test).ifPresent(contract -> skipped++);
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (perContract.isEmpty()) {
            return;
        }
        StringBuilder line = new StringBuilder("distill4j contract battery: ")
                .append(passed + failed).append(" checks run on ").append(implementations.size())
                .append(" implementations (");
        perContract.forEach((contract, count) -> line.append(contract).append(' ').append(count[0]).append(", "));
        line.setLength(line.length() - 2);
        line.append("): ").append(passed).append(" passed, ").append(failed).append(" failed, ").append(skipped)
                .append(" skipped");
        System.out.println(line);
    }

    /** The simple name of the kit contract that declares this test method, if any. */
    private static java.util.Optional<String> contractOf(TestIdentifier test) {
        if (!test.isTest()) {
            return java.util.Optional.empty();
        }
        return test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .flatMap(m -> declaringContract(m));
    }

    private static java.util.Optional<String> declaringContract(MethodSource m) {
        try {
            Class<?> testClass = m.getJavaClass();
            for (Class<?> c = testClass; c != null; c = c.getSuperclass()) {
                if (c.getName().startsWith(KIT) && c.getSimpleName().endsWith("Contract")
                        && java.util.Arrays.stream(c.getDeclaredMethods())
                        .anyMatch(method -> method.getName().equals(m.getMethodName()))) {
                    return java.util.Optional.of(c.getSimpleName());
                }
            }
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }
}
