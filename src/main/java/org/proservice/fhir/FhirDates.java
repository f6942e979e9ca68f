package org.proservice.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;

/**
 * A FHIR date search value: an optional prefix ({@code eq}, {@code lt}, {@code le}, {@code gt}, {@code ge}; none
 * means {@code eq}) and a year, month, day or dateTime with zone. The value stands for the range it covers (a day
 * = that UTC day); a stored instant matches {@code eq} inside the range, {@code lt} before its start, {@code le}
 * before its end, {@code gt} at or after its end, {@code ge} at or after its start.
 */
final class FhirDates {

    private FhirDates() {
    }

    static final List<String> PREFIXES = List.of("eq", "lt", "le", "gt", "ge");

    static Predicate<Instant> parse(String parameter, String value) {
        String prefix = value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(0, 2) : "eq";
        String date = value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(2) : value;
        if (!PREFIXES.contains(prefix)) {
            throw invalid(parameter, "unsupported prefix " + prefix + "; use one of " + PREFIXES);
        }
        Instant start;
        Instant end;
        try {
            if (date.matches("\\d{4}")) {
                start = LocalDate.of(Integer.parseInt(date), 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
                end = LocalDate.of(Integer.parseInt(date) + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else if (date.matches("\\d{4}-\\d{2}")) {
                YearMonth ym = YearMonth.parse(date);
                start = ym.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                end = ym.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else if (date.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate d = LocalDate.parse(date);
                start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
                end = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                start = OffsetDateTime.parse(date).toInstant();
                end = start.plusMillis(1);
            }
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw invalid(parameter, "not a FHIR date or dateTime with zone: " + date);
        }
        Instant s = start;
        Instant e = end;
        return switch (prefix) {
            case "lt" -> t -> t.isBefore(s);
            case "le" -> t -> t.isBefore(e);
            case "gt" -> t -> !t.isBefore(e);
            case "ge" -> t -> !t.isBefore(s);
            default -> t -> !t.isBefore(s) && t.isBefore(e);
        };
    }

    static ProblemException invalid(String parameter, String message) {
        return new ProblemException(ErrorCode.FHIR_INVALID_SEARCH, "Invalid search parameter " + parameter,
                List.of(new FieldError(parameter, "invalid", message)));
    }
}
