package io.microspring.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** The access log written by a background thread: every line, in order, and the lines dropped when it falls behind. */
class AccessLogWriterTest {

    private static final long NEVER_MILLIS = 3_600_000;

    private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLogWriterTest.class.getName() + ".access");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    AccessLogWriterTest() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    @Test
    void whenClosedThenEveryQueuedLineIsWrittenInOrder() {
        AccessLogWriter writer = new AccessLogWriter(logger, 100, NEVER_MILLIS);
        writer.write("POST", "/greeter/say/hello", "go.micro.srv.greeter", "Say.Hello", 200, 3);
        writer.write("GET", "/unknown", "none", "none", 404, 0);
        assertThat(lines.list).isEmpty();

        writer.close();

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "POST /greeter/say/hello go.micro.srv.greeter Say.Hello 200 3ms", "GET /unknown none none 404 0ms");
        assertThat(lines.list.get(0).getMarkerList()).isNull();
        assertThat(lines.list.get(1).getMarkerList()).containsExactly(AccessLogWriter.END_OF_BATCH);
    }

    @Test
    void whenTheQueueIsFullThenNewLinesAreDroppedAndCounted() {
        AccessLogWriter writer = new AccessLogWriter(logger, 2, NEVER_MILLIS);
        for (int i = 0; i < 5; i++) {
            writer.write("GET", "/page/" + i, "go.micro.web.page", "", 200, 1);
        }

        writer.close();

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "GET /page/0 go.micro.web.page  200 1ms", "GET /page/1 go.micro.web.page  200 1ms",
                "3 access log lines were dropped: 2 were already waiting to be written");
        assertThat(lines.list.get(2).getLevel()).isEqualTo(Level.WARN);
        assertThat(lines.list).extracting(ILoggingEvent::getMarkerList)
                .containsExactly(null, null, List.of(AccessLogWriter.END_OF_BATCH));
    }

    @Test
    void whenTheLoggerIsOffThenNothingIsQueued() {
        logger.setLevel(Level.WARN);
        AccessLogWriter writer = new AccessLogWriter(logger, 1, NEVER_MILLIS);
        writer.write("GET", "/a", "none", "none", 404, 0);
        writer.write("GET", "/b", "none", "none", 404, 0);

        writer.close();

        assertThat(lines.list).isEmpty();
    }
}
