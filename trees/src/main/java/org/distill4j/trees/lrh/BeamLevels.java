package org.distill4j.trees.lrh;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.distill.RunState;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The completed levels of an LRH beam search (Boix-Adsera 2024, arXiv:2403.09053, section 5) in a checkpoint: per
 * level j, every conjunction probed (sorted, as {@code j} variables and {@code j} signs each), its probe error (as
 * a DOUBLE, so it round-trips bit for bit) and the beam as indices into that list, best first. Stateless.
 */
final class BeamLevels {

    private BeamLevels() {
    }

    /** Levels 1.. of {@code levels} (element 0 is the root, which is not stored). */
    static RunState save(List<LinearProbeBeamSearch.Level> levels) {
        RunState.Builder state = RunState.builder().put("levels", levels.size() - 1L);
        for (int j = 1; j < levels.size(); j++) {
            LinearProbeBeamSearch.Level level = levels.get(j);
            List<AndTerm> terms = new ArrayList<>(level.scores().keySet());
            terms.sort(null);
            Map<AndTerm, Integer> index = new HashMap<>();
            int[] variables = new int[terms.size() * j];
            int[] signs = new int[terms.size() * j];
            double[] scores = new double[terms.size()];
            for (int t = 0; t < terms.size(); t++) {
                AndTerm a = terms.get(t);
                index.put(a, t);
                for (int l = 0; l < j; l++) {
                    variables[t * j + l] = a.variable(l);
                    signs[t * j + l] = a.sign(l);
                }
                scores[t] = level.scores().get(a);
            }
            int[] beam = level.beam().stream().mapToInt(index::get).toArray();
            state.array(j + ".variables", Nd4j.createFromArray(variables)).array(j + ".signs",
                    Nd4j.createFromArray(signs)).put(j + ".scores", scores).array(j + ".beam",
                    Nd4j.createFromArray(beam));
        }
        return state.build();
    }

    /**
     * The root level and the levels in {@code state}.
     *
     * @param d the input dimension
     * @param depth the most levels the run has
     * @throws IllegalArgumentException if the state is incomplete or inconsistent, naming what is wrong
     */
    static List<LinearProbeBeamSearch.Level> restore(RunState state, int d, int depth) {
        long count = state.longField("levels");
        checkArgument(count >= 0 && count <= depth, "the checkpoint holds %s beam levels, the run has %s", count,
                depth);
        List<LinearProbeBeamSearch.Level> levels = new ArrayList<>();
        levels.add(LinearProbeBeamSearch.root());
        for (int j = 1; j <= count; j++) {
            int[] variables = state.array(j + ".variables").toIntVector();
            int[] signs = state.array(j + ".signs").toIntVector();
            double[] scores = state.array(j + ".scores").toDoubleVector();
            int[] beam = state.array(j + ".beam").toIntVector();
            checkArgument(scores.length > 0 && variables.length == (long) scores.length * j
                    && signs.length == variables.length, "beam level %s holds %s scores, %s variables and %s signs",
                    j, scores.length, variables.length, signs.length);
            List<AndTerm> terms = new ArrayList<>(scores.length);
            Map<AndTerm, Double> scored = new HashMap<>();
            for (int t = 0; t < scores.length; t++) {
                AndTerm a = AndTerm.empty();
                for (int l = 0; l < j; l++) {
                    int v = variables[t * j + l];
                    checkArgument(v < d, "beam level %s uses x_%s, but d = %s", j, v, d);
                    a = a.and(v, signs[t * j + l]);
                }
                terms.add(a);
                scored.put(a, scores[t]);
            }
            List<AndTerm> members = new ArrayList<>(beam.length);
            for (int b : beam) {
                checkArgument(b >= 0 && b < terms.size(), "beam level %s names conjunction %s of %s", j, b,
                        terms.size());
                members.add(terms.get(b));
            }
            levels.add(new LinearProbeBeamSearch.Level(List.copyOf(members), Map.copyOf(scored)));
        }
        return levels;
    }
}
