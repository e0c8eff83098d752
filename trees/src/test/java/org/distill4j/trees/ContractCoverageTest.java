package org.distill4j.trees;

import org.distill4j.core.contract.ContractCoverageCheck;

/** Every public teacher, student and distiller of this module has a contract test (issue 8). */
class ContractCoverageTest extends ContractCoverageCheck {

    @Override
    protected String basePackage() {
        return "org.distill4j.trees";
    }
}
