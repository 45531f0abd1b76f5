package io.microspring.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Service;
import io.microspring.registry.Value;

class EtcdEntriesTest {

    // json.Marshal of a registry.Service by go-micro v5.30.0
    static final String GO_JSON = "{\"name\":\"go.micro.srv.greeter\",\"version\":\"1.0.0\",\"metadata\":null,"
            + "\"endpoints\":[{\"request\":{\"name\":\"HelloRequest\",\"type\":\"HelloRequest\",\"values\":[{\"name\":\"name\","
            + "\"type\":\"string\",\"values\":null}]},\"response\":{\"name\":\"HelloResponse\",\"type\":\"HelloResponse\","
            + "\"values\":[{\"name\":\"msg\",\"type\":\"string\",\"values\":null}]},\"metadata\":{\"stream\":\"false\"},"
            + "\"name\":\"Say.Hello\"}],\"nodes\":[{\"metadata\":{\"protocol\":\"mucp\",\"registry\":\"etcd\"},"
            + "\"id\":\"go.micro.srv.greeter-1\",\"address\":\"127.0.0.1:4321\"}]}";

    static final Node NODE = new Node("go.micro.srv.greeter-1", "127.0.0.1:4321",
            Map.of("protocol", "mucp", "registry", "etcd"));
    static final Service GREETER = new Service("go.micro.srv.greeter", "1.0.0", Map.of(),
            List.of(new Endpoint("Say.Hello",
                    new Value("HelloRequest", "HelloRequest", List.of(new Value("name", "string", null))),
                    new Value("HelloResponse", "HelloResponse", List.of(new Value("msg", "string", null))),
                    Map.of("stream", "false"))),
            List.of(NODE));

    @Test
    void whenTheValueComesFromGoMicroThenItIsRead() {
        assertThat(EtcdEntries.decode(GO_JSON.getBytes(StandardCharsets.UTF_8))).isEqualTo(GREETER);
    }

    @Test
    void whenAServiceIsEncodedThenItHasGoMicrosFieldOrderAndReadsBack() {
        byte[] value = EtcdEntries.encode(GREETER, NODE);

        // Go writes nil slices as null where we write []; everything else is byte for byte the same
        assertThat(new String(value, StandardCharsets.UTF_8))
                .isEqualTo(GO_JSON.replace("\"values\":null", "\"values\":[]").replace("\"metadata\":null", "\"metadata\":{}"));
        assertThat(EtcdEntries.decode(value)).isEqualTo(GREETER);
    }

    @Test
    void whenNamesHoldSlashesThenKeysUseDashesAsGoMicro() {
        assertThat(EtcdEntries.nodeKey("a/b", "n/1")).isEqualTo("/micro/registry/a-b/n-1");
        assertThat(EtcdEntries.servicePrefix("go.micro.srv.greeter")).isEqualTo("/micro/registry/go.micro.srv.greeter/");
    }

    @Test
    void whenTheValueIsNotAGoMicroServiceThenTheErrorSaysSo() {
        assertThatThrownBy(() -> EtcdEntries.decode("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the JSON of a go-micro service");
        assertThatThrownBy(() -> EtcdEntries.decode("{\"owner\":\"someone else\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no name");
        assertThatThrownBy(() -> EtcdEntries.decode("{\"name\":\"x\",\"nodes\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no node");
    }
}
