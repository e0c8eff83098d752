package org.distill4j.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of a docs command: positional words, {@code --flag} switches and {@code --key value} options.
 */
public final class Args {

    private final List<String> words = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();

    /** Parses {@code args}; an option followed by another option or nothing is a switch. */
    public Args(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                String key = a.substring(2);
                int eq = key.indexOf('=');
                if (eq >= 0) {
                    options.put(key.substring(0, eq), key.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    options.put(key, args[++i]);
                } else {
                    options.put(key, "true");
                }
            } else {
                words.add(a);
            }
        }
    }

    /** The positional word at {@code index}, or {@code null}. */
    public String word(int index) {
        return index < words.size() ? words.get(index) : null;
    }

    /** Whether {@code --name} was given. */
    public boolean flag(String name) {
        return options.containsKey(name);
    }

    /** The integer option {@code --name}, or the default. */
    public int intOption(String name, int otherwise) {
        String v = options.get(name);
        if (v == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got " + v, e);
        }
    }

    /** The option {@code --name}, or the default. */
    public String option(String name, String otherwise) {
        return options.getOrDefault(name, otherwise);
    }

    /** The path option {@code --name}, or the default. */
    public Path pathOption(String name, Path otherwise) {
        String v = options.get(name);
        return v == null ? otherwise : Path.of(v);
    }
}
