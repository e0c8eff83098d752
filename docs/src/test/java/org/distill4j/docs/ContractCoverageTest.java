package org.distill4j.docs;

import org.distill4j.core.contract.ContractCoverageCheck;

/** Every public teacher, student and distiller of the docs module (its examples) has a contract test (issue 8). */
class ContractCoverageTest extends ContractCoverageCheck {

    @Override
    protected String basePackage() {
        return "org.distill4j.docs";
    }
}
