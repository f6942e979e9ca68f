package org.proservice.scoring;

/** The measures the change tests use, by their catalog names. */
enum ChangeMeasure {
    TOTAL("total"), WORST("worst"), LEAST("least"), AVERAGE("average"), NOW("now"),
    SEVERITY_COMPOSITE("severityComposite"), INTERFERENCE("interference");

    private final String code;

    ChangeMeasure(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }
}
