package org.proservice.scoring;

/** Which score of an administration a change is computed on. */
public enum ChangeMeasure {
    /** The reported total (PHQ-9, GAD-7, PCL-5). */
    TOTAL("total", false),
    /** BPI-SF Q3 worst pain (0-10 intensity item). */
    WORST("worst", false),
    /** BPI-SF Q4 least pain (0-10 intensity item). */
    LEAST("least", false),
    /** BPI-SF Q5 average pain (0-10 intensity item). */
    AVERAGE("average", false),
    /** BPI-SF Q6 pain now (0-10 intensity item). */
    NOW("now", false),
    /** BPI-SF mean of Q3-Q6 (0-10 intensity composite). */
    SEVERITY_COMPOSITE("severityComposite", true),
    /** BPI-SF mean of the answered interference items 9A-9G. */
    INTERFERENCE("interference", true);

    private final String code;
    private final boolean mean;

    ChangeMeasure(String code, boolean mean) {
        this.code = code;
        this.mean = mean;
    }

    /** The name used in score subscales ({@code total}, {@code worst}, ..., {@code interference}). */
    public String code() {
        return code;
    }

    /** Whether the measure is a mean (any rational 0-10) rather than an integer. */
    public boolean isMean() {
        return mean;
    }

    public static ChangeMeasure fromCode(String code) {
        for (ChangeMeasure m : values()) {
            if (m.code.equals(code)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown change measure " + code);
    }
}
