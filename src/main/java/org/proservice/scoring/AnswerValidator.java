package org.proservice.scoring;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks submitted answers against an instrument's {@link AnswerSchema} before anything is scored or stored.
 * Pure function, no framework types: values arrive as plain Java objects as a JSON reader produces them
 * ({@code Integer}/{@code Long}/{@code BigInteger} for JSON integers, {@code Double}/{@code BigDecimal} for JSON
 * numbers with a fraction or exponent, {@code String}, {@code Boolean}, {@code Map}, {@code List}, {@code null}).
 *
 * <p>Rules (SPEC 0.2, 0.3): {@code null} or an absent item means unanswered; an unknown item id, a value that is not
 * one of the item's codes, a number written with a fraction or exponent (even {@code 2.0}) or any non-number is
 * rejected. Nothing is clamped or coerced. Every offending item is reported, in form order, unknown ids last.
 */
public final class AnswerValidator {

    private static final int MAX_REPORTED_KEY_LENGTH = 100;

    private AnswerValidator() {
    }

    public static AnswerValidation validate(AnswerSchema schema, Map<String, ?> submitted) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (ItemSchema item : schema.items()) {
            answers.put(item.id(), null);
        }
        List<AnswerViolation> violations = new ArrayList<>();
        if (submitted != null) {
            for (Map.Entry<String, ?> entry : submitted.entrySet()) {
                String key = entry.getKey();
                ItemSchema item = key == null ? null : schema.item(key).orElse(null);
                if (item == null) {
                    violations.add(new AnswerViolation(reportableKey(key), AnswerViolation.UNKNOWN_ITEM,
                            "is not an item of " + schema.instrumentId() + " " + schema.instrumentVersion()));
                    continue;
                }
                Object value = entry.getValue();
                if (value == null) {
                    continue;
                }
                String allowed = "must be one of " + item.describeAllowedValues() + ", or null when unanswered";
                if (isIntegral(value)) {
                    BigInteger v = toBigInteger(value);
                    if (v.bitLength() < 32 && item.allows(v.intValue())) {
                        answers.put(item.id(), v.intValue());
                    } else {
                        violations.add(new AnswerViolation(key, AnswerViolation.VALUE_OUT_OF_RANGE, allowed));
                    }
                } else if (value instanceof Number) {
                    // A fraction is not among the allowed codes: the same code as any other value outside the set
                    // (SPEC section 0.3, golden-vectors "errors" convention), with a message saying why.
                    violations.add(new AnswerViolation(key, AnswerViolation.VALUE_OUT_OF_RANGE,
                            "must be a whole number written without a fraction; " + allowed));
                } else {
                    violations.add(new AnswerViolation(key, AnswerViolation.WRONG_TYPE,
                            "must be a JSON integer; " + allowed));
                }
            }
        }
        violations.sort(Comparator.comparingInt((AnswerViolation v) -> {
            int i = schema.indexOf(v.itemId());
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(AnswerViolation::itemId));
        return violations.isEmpty() ? new AnswerValidation(answers, List.of())
                : new AnswerValidation(Map.of(), violations);
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger;
    }

    private static BigInteger toBigInteger(Object value) {
        return value instanceof BigInteger b ? b : BigInteger.valueOf(((Number) value).longValue());
    }

    private static String reportableKey(String key) {
        if (key == null) {
            return "null";
        }
        return key.length() <= MAX_REPORTED_KEY_LENGTH ? key : key.substring(0, MAX_REPORTED_KEY_LENGTH) + "...";
    }
}
