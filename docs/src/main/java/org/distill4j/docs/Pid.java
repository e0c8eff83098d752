package org.distill4j.docs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.distill4j.core.info.BrojaPid;
import org.distill4j.core.info.BrojaSolution;
import org.distill4j.core.info.Information;
import org.distill4j.core.info.InformationUnit;
import org.distill4j.core.info.JointDistribution;
import org.distill4j.core.info.JointDistributionCsv;
import org.distill4j.core.info.MmiPid;
import org.distill4j.core.info.PidAtoms;
import org.distill4j.core.info.WilliamsBeerPid;

/**
 * {@code pid --table FILE [--nats]}: the partial information decomposition of a joint distribution of a target Y
 * and two sources T (teacher) and S (student), read from a CSV table with the header {@code y,t,s,p}. Prints the
 * BROJA atoms (Bertschinger et al. 2014) with the solver's certificate, and the Williams–Beer and MMI
 * redundancies for comparison; RESULT keys {@code redundancy}, {@code unique_t}, {@code unique_s}, {@code synergy}
 * (BROJA), {@code i_min_redundancy}, {@code mmi_redundancy}, {@code i_yts}, in bits unless {@code --nats}, rounded
 * to 1e-10, then {@code duality_gap} and {@code newton_iterations}. Examples: {@code docs/examples/pid/*.csv}.
 */
final class Pid {

    private Pid() {
    }

    static Result run(Args args, PrintStream out) {
        String table = args.option("table", null);
        if (table == null || "true".equals(table)) {
            throw new IllegalArgumentException("pid needs --table FILE (a CSV with header y,t,s,p)");
        }
        InformationUnit unit = args.flag("nats") ? InformationUnit.NATS : InformationUnit.BITS;
        JointDistribution p;
        try {
            p = JointDistributionCsv.read(Path.of(table));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --table " + table + ": " + e.getMessage(), e);
        }
        return decompose(p, unit, table, out);
    }

    /** The decomposition of {@code p} as the command prints and reports it. */
    static Result decompose(JointDistribution p, InformationUnit unit, String name, PrintStream out) {
        BrojaSolution solution = BrojaPid.withDefaults().solve(p);
        PidAtoms broja = solution.atoms().in(unit);
        double iMin = WilliamsBeerPid.decompose(p, unit).redundancy();
        double mmi = MmiPid.decompose(p, unit).redundancy();
        double iyts = Information.mutualInformationYTS(p, unit);
        String u = unit == InformationUnit.BITS ? "bits" : "nats";
        out.printf("%s: %d target x %d teacher x %d student symbols%n", name, p.ySize(), p.tSize(), p.sSize());
        out.printf("I(Y;T) = %.6f, I(Y;S) = %.6f, I(Y;T,S) = %.6f %s%n",
                round(Information.mutualInformationYT(p, unit)), round(Information.mutualInformationYS(p, unit)),
                round(iyts), u);
        out.printf("BROJA: redundancy %.6f, unique to T %.6f, unique to S %.6f, synergy %.6f %s%n",
                round(broja.redundancy()), round(broja.uniqueT()), round(broja.uniqueS()), round(broja.synergy()),
                u);
        out.printf("       (%d Newton steps, certified duality gap %.1e bits%s)%n", solution.iterations(),
                solution.dualityGap(), solution.converged() ? "" : ", NOT converged");
        out.printf("redundancy by other measures: Williams-Beer I_min %.6f, MMI %.6f %s%n", round(iMin), round(mmi),
                u);
        return new Result()
                .put("redundancy", round(broja.redundancy()))
                .put("unique_t", round(broja.uniqueT()))
                .put("unique_s", round(broja.uniqueS()))
                .put("synergy", round(broja.synergy()))
                .put("i_min_redundancy", round(iMin))
                .put("mmi_redundancy", round(mmi))
                .put("i_yts", round(iyts))
                .put("unit", u)
                .put("duality_gap", solution.dualityGap())
                .put("newton_iterations", solution.iterations());
    }

    /** Rounds to 1e-10 (well above the solver's certified gap), without a negative zero. */
    static double round(double value) {
        return Math.round(value * 1e10) / 1e10 + 0.0;
    }
}
