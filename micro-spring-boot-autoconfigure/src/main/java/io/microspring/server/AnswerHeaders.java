package io.microspring.server;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import io.microspring.metadata.Metadata;
import io.microspring.transport.MicroHeaders;

/**
 * The headers of an answer, in fixed slots rather than a sorted map made per call: the request's
 * {@code Micro-Id}, {@code Micro-Service}, {@code Micro-Method} and {@code Micro-Endpoint} echoed,
 * each plainly and in its {@code X-} form as go-micro does, the error (both forms) and the content
 * type. They are listed in the order a case-insensitive sorted map lists them, the order they
 * take on the wire; lookups ignore letter case.
 */
final class AnswerHeaders extends AbstractMap<String, String> {

    private static final String[] ECHOED_NAMES = {MicroHeaders.ID, MicroHeaders.SERVICE, MicroHeaders.METHOD,
        MicroHeaders.ENDPOINT};
    /** Every name, in case-insensitive order: the echoed ones and the error in both forms, the content type. */
    private static final String[] NAMES = Stream.concat(
            Stream.concat(Stream.of(ECHOED_NAMES), Stream.of(MicroHeaders.ERROR)).flatMap(name -> Stream.of(name,
                    MicroHeaders.X_PREFIX + name)), Stream.of(MicroHeaders.CONTENT_TYPE))
            .sorted(String.CASE_INSENSITIVE_ORDER).toArray(String[]::new);
    private static final int CONTENT_TYPE = slotOf(MicroHeaders.CONTENT_TYPE);
    private static final int ERROR = slotOf(MicroHeaders.ERROR);
    private static final int X_ERROR = slotOf(MicroHeaders.X_PREFIX + MicroHeaders.ERROR);
    /** The slot of each echoed header's plain form, and of its {@code X-} form. */
    private static final int[] ECHOED = Stream.of(ECHOED_NAMES).mapToInt(AnswerHeaders::slotOf).toArray();
    private static final int[] ECHOED_X = Stream.of(ECHOED_NAMES).mapToInt(name -> slotOf(MicroHeaders.X_PREFIX + name))
            .toArray();

    private final String[] values = new String[NAMES.length];
    private int size;

    private AnswerHeaders() {
    }

    /** The request's Micro headers echoed, from either form, as an answer to {@code request} repeats them. */
    static AnswerHeaders echoing(Metadata request) {
        AnswerHeaders headers = new AnswerHeaders();
        for (int i = 0; i < ECHOED.length; i++) {
            String value = MicroHeaders.valueOf(request, ECHOED_NAMES[i]);
            if (value != null) {
                headers.set(ECHOED[i], value);
                headers.set(ECHOED_X[i], value);
            }
        }
        return headers;
    }

    /** With {@code Micro-Error} and {@code X-Micro-Error} set to {@code error}. */
    AnswerHeaders error(String error) {
        set(ERROR, error);
        set(X_ERROR, error);
        return this;
    }

    /** With {@code Content-Type} set to {@code contentType}. */
    AnswerHeaders contentType(String contentType) {
        set(CONTENT_TYPE, contentType);
        return this;
    }

    /** These headers as the answer's metadata; they must not change afterwards. */
    Metadata metadata() {
        return size == 0 ? Metadata.empty() : Metadata.view(this);
    }

    private void set(int slot, String value) {
        if (values[slot] == null) {
            size++;
        }
        values[slot] = value;
    }

    @Override
    public String get(Object name) {
        int slot = slotOf(name);
        return slot < 0 ? null : values[slot];
    }

    @Override
    public boolean containsKey(Object name) {
        return get(name) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < NAMES.length; i++) {
            if (values[i] != null) {
                action.accept(NAMES[i], values[i]);
            }
        }
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next = nextSlot(0);

                    @Override
                    public boolean hasNext() {
                        return next < NAMES.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, String> entry = Map.entry(NAMES[next], values[next]);
                        next = nextSlot(next + 1);
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private int nextSlot(int from) {
        int slot = from;
        while (slot < NAMES.length && values[slot] == null) {
            slot++;
        }
        return slot;
    }

    private static int slotOf(Object name) {
        if (name instanceof String header) {
            for (int i = 0; i < NAMES.length; i++) {
                if (NAMES[i].equalsIgnoreCase(header)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
