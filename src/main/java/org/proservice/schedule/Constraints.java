package org.proservice.schedule;

/** Recognizes a unique-constraint violation by its name, wherever it sits in an exception's cause chain. */
final class Constraints {

    private Constraints() {
    }

    static boolean violated(Throwable e, String constraintName) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException cve
                    && cve.getConstraintName() != null
                    && cve.getConstraintName().toLowerCase().contains(constraintName)) {
                return true;
            }
            if (t.getMessage() != null && t instanceof java.sql.SQLException
                    && t.getMessage().contains("\"" + constraintName + "\"")) {
                return true;
            }
        }
        return false;
    }
}
