package io.microspring.gateway.edge;

import java.io.BufferedOutputStream;
import java.io.IOException;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;

/**
 * The console for the access log: the lines of one drain of {@link AccessLogWriter} go out in
 * one write, not one each (the last line of a drain carries {@link AccessLogWriter#END_OF_BATCH}),
 * so a busy gateway does not make a system call per request to log it. Lines of loggers that do
 * not mark their last line wait until the buffer fills or the appender stops.
 */
public final class AccessLogConsoleAppender extends ConsoleAppender<ILoggingEvent> {

    /** Enough for the lines of a drain at several thousand requests a second. */
    private static final int BUFFER_BYTES = 64 * 1024;

    @Override
    public void start() {
        setImmediateFlush(false);
        super.start();
        if (isStarted()) {
            setOutputStream(new BufferedOutputStream(getOutputStream(), BUFFER_BYTES));
        }
    }

    @Override
    protected void subAppend(ILoggingEvent event) {
        super.subAppend(event);
        if (event.getMarkerList() != null && event.getMarkerList().contains(AccessLogWriter.END_OF_BATCH)) {
            streamWriteLock.lock();
            try {
                getOutputStream().flush();
            } catch (IOException e) {
                addError("the access log could not be written to the console", e);
            } finally {
                streamWriteLock.unlock();
            }
        }
    }
}
