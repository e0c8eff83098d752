package org.distill4j.trees.cart;

/**
 * The best split found so far by a {@link SplitFinder}: mutable, reused, never shared between threads.
 * {@code score} is the criterion's score of the two children (larger is better); a split exists once
 * {@code feature >= 0}.
 */
final class SplitCandidate {

    int feature = -1;
    int bin;
    double score;
    long leftCount;
    final double[] leftSums;

    SplitCandidate(int stats) {
        this.leftSums = new double[stats];
    }

    /** Forgets any split and sets the score a split must beat. */
    void reset(double scoreToBeat) {
        feature = -1;
        score = scoreToBeat;
    }

    void set(int f, int b, double s, long nLeft, double[] sums) {
        feature = f;
        bin = b;
        score = s;
        leftCount = nLeft;
        System.arraycopy(sums, 0, leftSums, 0, sums.length);
    }

    /** Takes {@code other} if it is strictly better (ties keep this one: the lower feature). */
    void takeIfBetter(SplitCandidate other) {
        if (other.feature >= 0 && other.score > score) {
            set(other.feature, other.bin, other.score, other.leftCount, other.leftSums);
        }
    }
}
