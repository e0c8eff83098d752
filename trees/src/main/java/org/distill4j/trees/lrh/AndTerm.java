package org.distill4j.trees.lrh;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * A conjunction of literals {@code x_i = s} ({@code s = ±1}) over inputs in {@code {±1}^d}: the set of inputs that
 * reach one node of a decision tree over {@code {±1}^d} (Boix-Adsera 2024, arXiv:2403.09053, section 5). Literals
 * are kept sorted by variable, so equal conjunctions are equal values. Immutable.
 */
public final class AndTerm implements Comparable<AndTerm> {

    private static final AndTerm EMPTY = new AndTerm(new int[0], new byte[0]);

    private final int[] variables;
    private final byte[] signs;

    private AndTerm(int[] variables, byte[] signs) {
        this.variables = variables;
        this.signs = signs;
    }

    /** The empty conjunction, true everywhere (the root). */
    public static AndTerm empty() {
        return EMPTY;
    }

    /**
     * This conjunction and {@code x_variable = sign}.
     *
     * @throws IllegalArgumentException if the sign is not ±1, the variable is negative or already constrained
     */
    public AndTerm and(int variable, int sign) {
        checkArgument(sign == 1 || sign == -1, "sign must be +1 or -1, got %s", sign);
        checkArgument(variable >= 0, "variable must be >= 0, got %s", variable);
        checkArgument(!uses(variable), "x_%s is already constrained in %s", variable, this);
        int at = -Arrays.binarySearch(variables, variable) - 1;
        int[] v = new int[variables.length + 1];
        byte[] s = new byte[signs.length + 1];
        System.arraycopy(variables, 0, v, 0, at);
        System.arraycopy(signs, 0, s, 0, at);
        v[at] = variable;
        s[at] = (byte) sign;
        System.arraycopy(variables, at, v, at + 1, variables.length - at);
        System.arraycopy(signs, at, s, at + 1, signs.length - at);
        return new AndTerm(v, s);
    }

    /** The number of literals. */
    public int size() {
        return variables.length;
    }

    /** Whether {@code variable} appears in a literal. */
    public boolean uses(int variable) {
        return Arrays.binarySearch(variables, variable) >= 0;
    }

    /** The variable of literal {@code j} (literals sorted by variable). */
    public int variable(int j) {
        return variables[j];
    }

    /** The sign of literal {@code j}. */
    public int sign(int j) {
        return signs[j];
    }

    /** Whether the input {@code x[offset .. offset + d)} (entries ±1) satisfies every literal. */
    public boolean matches(float[] x, int offset) {
        for (int j = 0; j < variables.length; j++) {
            if ((x[offset + variables[j]] > 0 ? 1 : -1) != signs[j]) {
                return false;
            }
        }
        return true;
    }

    /** Ordered by size, then variables, then signs: a total order for deterministic tie-breaking. */
    @Override
    public int compareTo(AndTerm o) {
        if (variables.length != o.variables.length) {
            return Integer.compare(variables.length, o.variables.length);
        }
        int c = Arrays.compare(variables, o.variables);
        return c != 0 ? c : Arrays.compare(signs, o.signs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AndTerm other && Arrays.equals(variables, other.variables)
                && Arrays.equals(signs, other.signs);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(variables) + Arrays.hashCode(signs);
    }

    /** E.g. {@code x3=+1 ∧ x7=-1}, or {@code true} for the empty conjunction. */
    @Override
    public String toString() {
        if (variables.length == 0) {
            return "true";
        }
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < variables.length; j++) {
            s.append(j == 0 ? "" : " ∧ ").append('x').append(variables[j]).append(signs[j] > 0 ? "=+1" : "=-1");
        }
        return s.toString();
    }
}
