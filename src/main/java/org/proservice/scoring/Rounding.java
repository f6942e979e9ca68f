package org.proservice.scoring;

/** Exact integer arithmetic for prorating (SPEC 0.4): no floating point takes part in a reported total. */
public final class Rounding {

    private Rounding() {
    }

    /**
     * {@code round_half_up(numerator / denominator)} = {@code floor(numerator / denominator + 1/2)} for
     * non-negative numerator and positive denominator, computed as {@code floor((2n + d) / 2d)}.
     */
    public static int roundHalfUp(long numerator, long denominator) {
        if (numerator < 0 || denominator <= 0) {
            throw new IllegalArgumentException("roundHalfUp needs numerator >= 0 and denominator > 0");
        }
        return Math.toIntExact(Math.floorDiv(2 * numerator + denominator, 2 * denominator));
    }

    /**
     * The prorated total {@code round_half_up(rawSum * itemCount / answered)}: the mean of the answered items
     * substituted for each unanswered one.
     */
    public static int prorate(int rawSum, int itemCount, int answered) {
        return roundHalfUp((long) rawSum * itemCount, answered);
    }
}
