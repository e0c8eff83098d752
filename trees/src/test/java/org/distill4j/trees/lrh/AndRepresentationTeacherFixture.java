package org.distill4j.trees.lrh;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.teacher.HasHiddenRepresentation;
import org.distill4j.trees.tree.ClassificationTree;
import org.distill4j.trees.tree.TreeNodes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A test teacher for which the linear representation hypothesis holds exactly: it answers a random tree task, and
 * its representation holds the ±1 indicator of the conjunction of every node of the task's tree, plus random
 * half-space features that are not conjunctions. Optionally fails from a given call on, or mangles its
 * representation.
 */
final class AndRepresentationTeacherFixture implements ConditionalTeacher, HasHiddenRepresentation {

    private final RandomTreeTask task;
    private final List<AndTerm> conjunctions = new ArrayList<>();
    private final float[] halfSpaces;
    private final int noise;
    private final int failingCall;
    private final AtomicInteger calls = new AtomicInteger();
    private final UnaryOperator<List<INDArray>> mangle;

    AndRepresentationTeacherFixture(RandomTreeTask task, int noise, long seed) {
        this(task, noise, seed, Integer.MAX_VALUE, UnaryOperator.identity());
    }

    AndRepresentationTeacherFixture(RandomTreeTask task, int noise, long seed, int failingCall,
            UnaryOperator<List<INDArray>> mangle) {
        this.task = task;
        this.noise = noise;
        this.failingCall = failingCall;
        this.mangle = mangle;
        ClassificationTree tree = task.asTree();
        collect(tree.nodes(), 0, AndTerm.empty());
        SplittableRandom rng = new SplittableRandom(seed);
        halfSpaces = new float[noise * task.inputSize()];
        for (int i = 0; i < halfSpaces.length; i++) {
            halfSpaces[i] = (float) (rng.nextDouble() * 2 - 1);
        }
    }

    private void collect(TreeNodes nodes, int node, AndTerm and) {
        conjunctions.add(and);
        if (!nodes.isLeaf(node)) {
            collect(nodes, nodes.left(node), and.and(nodes.feature(node), -1));
            collect(nodes, nodes.right(node), and.and(nodes.feature(node), 1));
        }
    }

    RandomTreeTask task() {
        return task;
    }

    /** The calls so far ({@code predict} and {@code hiddenRepresentations} together), failed ones included. */
    int calls() {
        return calls.get();
    }

    @Override
    public int inputSize() {
        return task.inputSize();
    }

    @Override
    public int outputSize() {
        return 2;
    }

    private void count() {
        if (calls.incrementAndGet() >= failingCall) {
            throw new IllegalStateException("teacher failed on call " + calls.get());
        }
    }

    @Override
    public INDArray predict(INDArray inputs) {
        count();
        int[] classes = task.classes(inputs);
        float[] p = new float[classes.length * 2];
        for (int r = 0; r < classes.length; r++) {
            p[2 * r + classes[r]] = 0.98f;
            p[2 * r + 1 - classes[r]] = 0.02f;
        }
        return Nd4j.create(p, new long[] {classes.length, 2}, DataType.FLOAT);
    }

    @Override
    public List<INDArray> hiddenRepresentations(INDArray inputs) {
        count();
        int n = (int) inputs.rows();
        int d = task.inputSize();
        float[] x = inputs.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] ands = new float[n * conjunctions.size()];
        float[] random = new float[n * Math.max(1, noise)];
        for (int r = 0; r < n; r++) {
            for (int a = 0; a < conjunctions.size(); a++) {
                ands[r * conjunctions.size() + a] = conjunctions.get(a).matches(x, r * d) ? 1 : -1;
            }
            for (int h = 0; h < noise; h++) {
                double dot = 0.3;
                for (int i = 0; i < d; i++) {
                    dot += halfSpaces[h * d + i] * x[r * d + i];
                }
                random[r * noise + h] = dot > 0 ? 1 : -1;
            }
        }
        List<INDArray> out = new ArrayList<>();
        out.add(Nd4j.create(ands, new long[] {n, conjunctions.size()}, DataType.FLOAT));
        if (noise > 0) {
            out.add(Nd4j.create(random, new long[] {n, noise}, DataType.FLOAT));
        }
        return mangle.apply(out);
    }
}
