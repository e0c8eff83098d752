package org.distill4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * For checkpoint tests that really crash: starts a child JVM on the test class path running
 * {@code main(checkpointDirectory, markerFile)}, waits until the child writes the marker (after its checkpoint),
 * then kills it with SIGKILL — no shutdown hooks, nothing flushed — and checks that it died that way (exit 137).
 */
public final class KilledChild {

    private KilledChild() {
    }

    /**
     * Runs {@code main} in a child JVM and kills it once {@code work/marker} exists.
     *
     * @param work a folder for the marker and the child's log
     * @param timeout how long to wait for the marker
     */
    public static void runUntilMarkerThenKill(Class<?> main, Path checkpoints, Path work, Duration timeout)
            throws IOException, InterruptedException {
        Path marker = work.resolve("marker");
        Path log = work.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx512m", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                main.getName(), checkpoints.toString(), marker.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!Files.exists(marker) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(marker).as("child log: %s", Files.exists(log) ? Files.readString(log) : "").exists();
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, nothing flushed
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);
        } finally {
            child.destroyForcibly();
        }
    }
}
