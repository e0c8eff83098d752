package org.distill4j.core.objective;

import org.distill4j.core.contract.ObjectiveTermContract;
import org.junit.jupiter.api.Nested;

/** Every objective term of the library passes the objective-term contract. */
class ObjectiveTermsContractTest {

    @Nested
    class SoftCrossEntropyAtOne extends ObjectiveTermContract {
        @Override
        protected ObjectiveTerm newTerm() {
            return SoftTargetCrossEntropy.atTemperature(1.0);
        }
    }

    @Nested
    class SoftCrossEntropyAtFour extends ObjectiveTermContract {
        @Override
        protected ObjectiveTerm newTerm() {
            return SoftTargetCrossEntropy.atTemperature(4.0);
        }
    }

    @Nested
    class KlAtTwo extends ObjectiveTermContract {
        @Override
        protected ObjectiveTerm newTerm() {
            return SoftTargetKl.atTemperature(2.0);
        }
    }

    @Nested
    class HardLabels extends ObjectiveTermContract {
        @Override
        protected ObjectiveTerm newTerm() {
            return HardLabelCrossEntropy.create();
        }
    }

    @Nested
    class Logits extends ObjectiveTermContract {
        @Override
        protected ObjectiveTerm newTerm() {
            return LogitSquaredError.create();
        }
    }

    @Nested
    class Derivatives extends ObjectiveTermContract {
        @Override
        protected ObjectiveTerm newTerm() {
            return DerivativeMatching.onLogProbabilities();
        }
    }
}
