package org.proservice.instrument;

import java.util.List;

/**
 * A definition file that is wrong: stops start-up with one message naming the file and, per problem, the JSON
 * pointer and what is wrong. Nothing of the catalog is loaded.
 */
public class InvalidDefinitionException extends IllegalStateException {

    private final String file;
    private final List<Problem> problems;

    /** One problem at a JSON pointer of the file. */
    public record Problem(String pointer, String message) {
        @Override
        public String toString() {
            return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
        }
    }

    public InvalidDefinitionException(String file, List<Problem> problems) {
        super("Instrument definition " + file + " is invalid: " + String.join("; ",
                problems.stream().map(Problem::toString).toList()));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }
}
