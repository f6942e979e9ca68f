package org.proservice.response;

/** Recognises a named constraint violation anywhere in an exception's cause chain. */
final class Violations {

    private Violations() {
    }

    static boolean of(Throwable e, String constraintName) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException cve
                    && cve.getConstraintName() != null
                    && cve.getConstraintName().toLowerCase().contains(constraintName)) {
                return true;
            }
            if (t instanceof java.sql.SQLException && t.getMessage() != null
                    && t.getMessage().contains("\"" + constraintName + "\"")) {
                return true;
            }
        }
        return false;
    }
}
