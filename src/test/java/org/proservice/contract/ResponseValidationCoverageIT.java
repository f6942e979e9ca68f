package org.proservice.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Runs after the unit and API tests (failsafe, part of ./mvnw verify): every operation of the contract, which is
 * the list AuthorizationMatrixTest requires a rule for, had at least one success response checked against the
 * document by {@link ResponseValidationFilter}. An operation no API test calls successfully could drift unseen.
 */
class ResponseValidationCoverageIT {

    // Not ResponseValidationFilter.RECORD: loading that class here would run its static start-of-run clean-up in
    // this JVM and delete the record the API tests just wrote.
    static final java.nio.file.Path RECORD = java.nio.file.Path.of("target", "contract-coverage", "validated-responses.txt");

    @Test
    void everyOperationHadASuccessResponseValidatedAgainstTheContract() throws Exception {
        assertTrue(Files.exists(RECORD), RECORD
                + " is missing: the API tests (surefire) must run before this check, e.g. ./mvnw verify");
        List<String> lines = Files.readAllLines(RECORD);
        TreeSet<String> validated = new TreeSet<>();
        for (String line : lines) {
            String[] parts = line.split(" ");
            if (parts.length == 2 && parts[1].startsWith("2")) {
                validated.add(parts[0]);
            }
        }
        TreeSet<String> missing = ContractDocument.get().operationIds();
        missing.removeAll(validated);
        assertEquals(new TreeSet<>(), missing, "operations without a validated success response");
    }
}
