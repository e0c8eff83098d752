package org.distill4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The distill4j version, recorded in reports and model files for provenance. */
public final class Version {

    /** The version of this build, e.g. {@code 0.1.0}; {@code "unknown"} if the build did not record it. */
    public static final String CURRENT = read();

    private Version() {
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
