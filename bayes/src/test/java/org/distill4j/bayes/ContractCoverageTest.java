package org.distill4j.bayes;

import java.util.Map;
import org.distill4j.core.contract.ContractCoverageCheck;

/** Every public teacher, student and distiller of this module has a contract test (issue 8). */
class ContractCoverageTest extends ContractCoverageCheck {

    @Override
    protected String basePackage() {
        return "org.distill4j.bayes";
    }

    /** Density and Gaussian teachers fit no abstract contract of the kit; these tests run the analogous checks. */
    @Override
    protected Map<String, String> coveredElsewhere() {
        return Map.of(
                "org.distill4j.bayes.density.GmmStudent", "org.distill4j.bayes.density.GmmStudentTest",
                "org.distill4j.bayes.density.MixturePredictive", "org.distill4j.bayes.density.MixturePredictiveTest",
                "org.distill4j.bayes.online.ChainTeacher", "org.distill4j.bayes.online.ChainTeacherTest",
                "org.distill4j.bayes.regression.GaussianPredictive",
                "org.distill4j.bayes.regression.GaussianTeacherContractTest",
                "org.distill4j.bayes.regression.GaussianRegressionStudent",
                "org.distill4j.bayes.regression.GaussianTeacherContractTest");
    }
}
