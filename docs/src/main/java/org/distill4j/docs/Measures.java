package org.distill4j.docs;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Accuracy and its standard error, for the docs commands. */
final class Measures {

    private Measures() {
    }

    /** The fraction of rows whose most probable class is the label. */
    static double accuracy(INDArray probabilities, int[] labels) {
        INDArray predicted = probabilities.argMax(1);
        long right = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted.getInt(i) == labels[i]) {
                right++;
            }
        }
        return (double) right / labels.length;
    }

    /** The standard error of an accuracy measured on {@code n} examples. */
    static double standardError(double accuracy, int n) {
        return Math.sqrt(accuracy * (1 - accuracy) / n);
    }
}
