package org.proservice.scoring;

/**
 * Why one submitted answer was rejected. Never carries the submitted value.
 *
 * @param itemId  the key as submitted (an unknown id is reported as given)
 * @param code    {@link #UNKNOWN_ITEM}, {@link #VALUE_OUT_OF_RANGE} (also for fractions such as 2.5 or 2.0) or
 *                {@link #WRONG_TYPE} (a string, boolean, array or object)
 * @param message what would have been accepted
 */
public record AnswerViolation(String itemId, String code, String message) {

    public static final String UNKNOWN_ITEM = "unknown_item";
    public static final String VALUE_OUT_OF_RANGE = "value_out_of_range";
    public static final String WRONG_TYPE = "wrong_type";
}
