package org.proservice.study.protocol;

/**
 * One problem of a protocol definition: the offending field as a path ({@code timepoints[2].anchor}), a stable
 * machine code ({@code unknown_anchor}) and a sentence for humans. Never carries more of the input than names.
 */
public record ProtocolViolation(String field, String code, String message) {
}
