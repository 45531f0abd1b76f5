package io.microspring.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;

/** The access log's console: the lines of a drain reach standard output in one write, at its marked last line. */
class AccessLogConsoleAppenderTest {

    private final PrintStream console = System.out;
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger logger = context.getLogger(AccessLogConsoleAppenderTest.class.getName() + ".access");
    private final AccessLogConsoleAppender appender = new AccessLogConsoleAppender();

    @AfterEach
    void restore() {
        logger.detachAppender(appender);
        appender.stop();
        System.setOut(console);
    }

    @Test
    void theLinesOfADrainGoOutInOneWriteAtItsMarkedLastLine() {
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
        }, true));
        start();

        logger.info("GET /a none none 404 0ms");
        logger.info("GET /b none none 404 1ms");
        assertThat(writes).isEmpty();
        logger.info(AccessLogWriter.END_OF_BATCH, "GET /c none none 404 2ms");

        assertThat(writes).containsExactly("GET /a none none 404 0ms\nGET /b none none 404 1ms\n"
                + "GET /c none none 404 2ms\n");
    }

    @Test
    void whatIsStillBufferedIsWrittenWhenTheAppenderStops() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        start();

        logger.info("GET /a none none 404 0ms");
        appender.stop();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("GET /a none none 404 0ms\n");
    }

    private void start() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(appender);
    }
}
