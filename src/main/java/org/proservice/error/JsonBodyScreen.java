package org.proservice.error;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a JSON body once, before any resource reads it, and names the first field that breaks the payload rule:
 * unsafe text in a key or a string value ({@link SafeText}), or a key given twice in one object. A body that is not
 * valid JSON is left to the JSON reader of the endpoint, which answers 400.
 */
final class JsonBodyScreen {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    enum Kind { UNSAFE_TEXT, DUPLICATE_KEY }

    record Finding(Kind kind, String field) {
    }

    private JsonBodyScreen() {
    }

    static Optional<Finding> screen(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            return walk(parser);
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }

    private static Optional<Finding> walk(JsonParser parser) throws IOException {
        Deque<Frame> frames = new ArrayDeque<>();
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            Frame top = frames.peek();
            switch (token) {
                case START_OBJECT, START_ARRAY -> {
                    if (top != null) {
                        top.advance();
                    }
                    frames.push(new Frame(token == JsonToken.START_OBJECT, path(frames)));
                }
                case END_OBJECT, END_ARRAY -> frames.pop();
                case FIELD_NAME -> {
                    String name = parser.currentName();
                    top.name = name;
                    if (!SafeText.isSafe(name)) {
                        return Optional.of(new Finding(Kind.UNSAFE_TEXT, top.prefix.isEmpty() ? "body" : top.prefix));
                    }
                    if (!top.names.add(name)) {
                        return Optional.of(new Finding(Kind.DUPLICATE_KEY, top.child()));
                    }
                }
                default -> {
                    if (top != null) {
                        top.advance();
                    }
                    if (token == JsonToken.VALUE_STRING && !SafeText.isSafe(parser.getText())) {
                        return Optional.of(new Finding(Kind.UNSAFE_TEXT, top == null ? "body" : top.child()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String path(Deque<Frame> frames) {
        Frame top = frames.peek();
        return top == null ? "" : top.child();
    }

    private static final class Frame {
        final boolean object;
        final String prefix;
        final Set<String> names = new HashSet<>();
        String name;
        int index = -1;

        Frame(boolean object, String prefix) {
            this.object = object;
            this.prefix = prefix;
        }

        void advance() {
            if (!object) {
                index++;
            }
        }

        String child() {
            if (object) {
                return prefix.isEmpty() ? name : prefix + "." + name;
            }
            return (prefix.isEmpty() ? "body" : prefix) + "[" + index + "]";
        }
    }
}
