package org.distill4j.docs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one {@code RESULT {json}} line a docs command prints last on stdout: an ordered map of keys to numbers,
 * strings, booleans or {@code null}, written as one line of JSON.
 */
public final class Result {

    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Adds a value; a non-finite double is written as {@code null}. Returns this result. */
    public Result put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** The value stored under {@code key}, or {@code null}. */
    public Object get(String key) {
        return values.get(key);
    }

    /** The JSON object, on one line. */
    public String json() {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(quote(e.getKey())).append(": ").append(value(e.getValue()));
        }
        return out.append('}').toString();
    }

    /** {@code RESULT } followed by {@link #json()}. */
    public String line() {
        return "RESULT " + json();
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? Double.toString(d) : "null";
        }
        if (v instanceof Float f) {
            return Float.isFinite(f) ? Float.toString(f) : "null";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return quote(v.toString());
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
