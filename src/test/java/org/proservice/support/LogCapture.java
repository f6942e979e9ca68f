package org.proservice.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Captures what the application writes to its log while a test runs, as the console would show it (message and,
 * if any, stack trace). The @QuarkusTest application logs through the JBoss LogManager of the test JVM, so a
 * handler on the root logger sees every record that reaches the console.
 * <pre>
 * try (LogCapture log = LogCapture.install()) { ...requests...; log.assertNoneContains(token); log.assertNoStackTraces(); }
 * </pre>
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> withThrowable = new CopyOnWriteArrayList<>();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    public static LogCapture install() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() < Level.INFO.intValue()) {
            return; // below the console threshold: never written
        }
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String line = record.getLevel() + " [" + record.getLoggerName() + "] " + message;
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line = line + System.lineSeparator() + trace;
            withThrowable.add(line);
        }
        lines.add(line);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public void assertNoneContains(String secret) {
        if (secret == null || secret.isEmpty()) {
            return;
        }
        for (String line : lines) {
            if (line.contains(secret)) {
                throw new AssertionError("the log contains a secret value: " + abbreviate(line));
            }
        }
    }

    public void assertNoStackTraces() {
        if (!withThrowable.isEmpty()) {
            throw new AssertionError("the log contains a stack trace: " + abbreviate(withThrowable.get(0)));
        }
        for (String line : lines) {
            if (line.contains("\tat ") || line.matches("(?s).*\\n\\s+at [a-z]+\\..*")) {
                throw new AssertionError("the log contains a stack trace: " + abbreviate(line));
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
