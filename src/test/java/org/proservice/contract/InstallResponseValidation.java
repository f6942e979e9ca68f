package org.proservice.contract;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Puts {@link ResponseValidationFilter} in front of every REST Assured request of every {@code @QuarkusTest}
 * (registered in META-INF/services), so that no API test can see a response the contract does not describe.
 */
public class InstallResponseValidation implements QuarkusTestBeforeEachCallback {

    private static ResponseValidationFilter filter;

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        synchronized (InstallResponseValidation.class) {
            if (filter == null) {
                filter = new ResponseValidationFilter();
            }
            if (!RestAssured.filters().contains(filter)) {
                RestAssured.filters(filter);
            }
        }
    }
}
